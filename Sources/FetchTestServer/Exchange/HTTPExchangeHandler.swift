import NIOCore
import NIOHTTP1

/// Answers the requests of one connection, one at a time.
///
/// `HTTPServerPipelineHandler`, in front of it, holds pipelined requests back until the
/// current response's `.end` is written, so there is at most one ``Exchange`` here.
/// Every method runs on the channel's event loop: waits are timers on that loop (never a
/// sleeping thread), and whatever is pending is dropped when the connection closes.
final class HTTPExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let counters: ServerCounters
    let rules: PortRules
    /// Which of the server's listening ports this connection came in on.
    let port: Int
    /// Set when a request head arrives; cleared when its response ends or the connection closes,
    /// which is exactly the span ``TestServer/activeRequests`` counts.
    var exchange: Exchange?
    /// The one timer a response may be waiting on (delay, drip tick, slow headers, reset).
    var timer: Scheduled<Void>?
    /// A `/bytes` body being written; resumed whenever the channel turns writable again.
    var byteStream: ByteStream?
    /// A `/fault/endless-…` head being written; resumed like ``byteStream``.
    var endlessHead: EndlessHead?
    /// A `/drip` body being written, a slice per timer tick.
    var drip: DripSchedule?
    /// Set once this connection is to be closed, or has closed. Requests that still arrive
    /// (pipelined ones NIO delivers while tearing the pipeline down) are dropped: answering
    /// one after a response that never ended (`/truncated`, `/reset`) would break HTTP
    /// framing, and `HTTPServerProtocolErrorHandler` traps on exactly that.
    var isClosing = false

    init(counters: ServerCounters, rules: PortRules, port: Int) {
        self.counters = counters
        self.rules = rules
        self.port = port
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isClosing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            if exchange != nil {
                // Cannot happen behind HTTPServerPipelineHandler; keep the count honest anyway.
                counters.requestFinished(port: port)
            }
            let activeOnPort = counters.requestStarted(port: port, target: head.uri)
            exchange = Exchange(head: head, activeOnPort: activeOnPort)
        case .body(let part):
            exchange?.receive(part)
        case .end:
            guard let exchange else { return }
            respond(to: Endpoint(method: exchange.head.method, uri: exchange.head.uri), context: context)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, byteStream != nil {
            continueByteStream(context: context)
        }
        if context.channel.isWritable, endlessHead != nil {
            continueEndlessHead(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosing = true
        timer?.cancel()
        timer = nil
        byteStream = nil
        endlessHead = nil
        drip = nil
        if exchange != nil {
            exchange = nil
            counters.requestFinished(port: port)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Parse errors were already answered with a 400 by HTTPServerProtocolErrorHandler;
        // what reaches here is I/O trouble (a peer reset, a broken pipe): the connection is done.
        context.close(promise: nil)
    }

    func respond(to endpoint: Endpoint, context: ChannelHandlerContext) {
        if let response = endpoint.simpleResponse(requestHeaders: exchange?.head.headers ?? [:]) {
            send(response, context: context)
            return
        }
        switch endpoint {
        case .bytes(let count):
            startByteStream(count: count, context: context)
        case .delay(let milliseconds):
            schedule(after: milliseconds, context: context) { handler, context in
                handler.send(.text(.ok, "waited \(milliseconds) ms\n"), context: context)
            }
        case .drip(let bytes, let milliseconds):
            startDrip(bytes: bytes, milliseconds: milliseconds, context: context)
        case .reset:
            startReset(context: context)
        case .truncated:
            sendTruncated(context: context)
        case .slowHeaders(let milliseconds):
            startSlowHeaders(milliseconds: milliseconds, context: context)
        case .chunked(let count):
            startByteStream(count: count, framing: .chunked, context: context)
        case .closeDelimited(let count):
            startByteStream(count: count, framing: .closeDelimited, context: context)
        case .fault(let fault):
            startFault(fault, context: context)
        case .limit(let inFlight, let retryAfter, let then):
            applyLimit(inFlight: inFlight, retryAfter: retryAfter, then: then, context: context)
        case .first(let code, let retryAfter, let then):
            applyFirst(code: code, retryAfter: retryAfter, then: then, context: context)
        case .robots:
            send(rules.robotsAnswer(port: port), context: context)
        case .echo:
            sendEcho(context: context)
        case .index, .status, .redirect, .redirectLoop, .redirectTo, .headers, .badRequest, .notFound,
            .methodNotAllowed, .retryAfter, .setCookie, .basicAuth:
            break  // Answered above by simpleResponse.
        }
    }

    /// Runs `action` on this loop after a delay, unless the connection has closed by then.
    func schedule(
        after milliseconds: Int64,
        context: ChannelHandlerContext,
        _ action: @escaping (HTTPExchangeHandler, ChannelHandlerContext) -> Void
    ) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(milliseconds)) {
            self.timer = nil
            guard context.channel.isActive else { return }
            action(self, context)
        }
    }
}
