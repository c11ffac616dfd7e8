import NIOCore
import NIOHTTP1

/// Makes every port of a ``TestServer`` a CONNECT-less forward proxy too: a request whose
/// target is in absolute form (`GET http://some.host:PORT/path HTTP/1.1`, as clients send
/// to an HTTP proxy) is answered by this server as if it were that origin, its response
/// marked `Via: 1.1 cfetch-test-proxy` and the request counted in
/// ``TestServer/proxiedRequestCount``, so a test sees that a client went through a proxy
/// (or, with `--noproxy`, that it did not). The host in the target is never contacted.
///
/// Sits between NIO's pipelining handler and ``HTTPExchangeHandler``, so it sees one
/// request at a time; responses written below NIO's encoder (`/fault/…`) carry no `Via`.
final class ForwardProxyHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// What proxied responses say in `Via`.
    static let via = "1.1 cfetch-test-proxy"

    private let counters: ServerCounters
    /// Whether the request being answered came in absolute form.
    private var proxying = false

    init(counters: ServerCounters) {
        self.counters = counters
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            proxying = Self.isAbsoluteForm(head.uri)
            if proxying { counters.proxiedRequestArrived() }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard proxying, case .head(var head) = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        head.headers.add(name: "Via", value: Self.via)
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }

    /// `http://host/path` or `https://…`: what a client sends a proxy (RFC 9112, 3.2.2).
    static func isAbsoluteForm(_ target: String) -> Bool {
        let lowered = target.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }
}
