import NIOCore

/// `/limit/…` and `/first/…`: refuse the request as the rule says, or serve the endpoint
/// that follows the rule as if it had been asked for directly.
extension HTTPExchangeHandler {
    func applyLimit(inFlight limit: Int, retryAfter: Int, then: Endpoint, context: ChannelHandlerContext) {
        guard let exchange else { return }
        if exchange.activeOnPort > limit {
            let why = "more than \(limit) requests in flight"
            send(ThrottleResponse.make(code: 429, why: why, retryAfter: retryAfter), context: context)
        } else {
            respond(to: then, context: context)
        }
    }

    func applyFirst(code: Int, retryAfter: Int, then: Endpoint, context: ChannelHandlerContext) {
        guard let exchange else { return }
        if rules.isFirstRequest(of: exchange.head.uri, port: port) {
            let why = "first request for \(exchange.head.uri)"
            send(ThrottleResponse.make(code: code, why: why, retryAfter: retryAfter), context: context)
        } else {
            respond(to: then, context: context)
        }
    }
}
