import NIOHTTP1

/// A request whose head has arrived and whose response has not finished.
struct Exchange {
    let head: HTTPRequestHead
    /// Requests active on this connection's port when this head arrived, itself included.
    let activeOnPort: Int

    /// HEAD gets the same head as GET, without the body.
    var sendsBody: Bool { head.method != .HEAD }

    /// HTTP/1.1 unless the client sent `Connection: close` (or spoke HTTP/1.0 without keep-alive).
    var keepAlive: Bool { head.isKeepAlive }
}
