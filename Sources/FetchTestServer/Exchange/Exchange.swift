import NIOCore
import NIOHTTP1

/// A request whose head has arrived and whose response has not finished.
struct Exchange {
    let head: HTTPRequestHead
    /// Requests active on this connection's port when this head arrived, itself included.
    let activeOnPort: Int
    /// The request body so far, up to `bodyLimit` bytes (`/echo` shows it).
    private(set) var body: [UInt8] = []
    /// Request body bytes beyond the limit, not kept.
    private(set) var bodyBytesDropped = 0
    static let bodyLimit = 16 << 20

    init(head: HTTPRequestHead, activeOnPort: Int) {
        self.head = head
        self.activeOnPort = activeOnPort
    }

    mutating func receive(_ part: ByteBuffer) {
        let kept = min(part.readableBytes, Self.bodyLimit - body.count)
        body += part.readableBytesView.prefix(kept)
        bodyBytesDropped += part.readableBytes - kept
    }

    /// HEAD gets the same head as GET, without the body.
    var sendsBody: Bool { head.method != .HEAD }

    /// HTTP/1.1 unless the client sent `Connection: close` (or spoke HTTP/1.0 without keep-alive).
    var keepAlive: Bool { head.isKeepAlive }
}
