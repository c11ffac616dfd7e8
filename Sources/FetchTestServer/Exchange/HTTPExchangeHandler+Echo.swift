import NIOCore
import NIOHTTP1

extension HTTPExchangeHandler {
    /// Answers `/echo` with the request as JSON, its body included (read in full by now:
    /// the response starts at the request's end).
    func sendEcho(context: ChannelHandlerContext) {
        guard let exchange else { return }
        let json = EchoJSON.encode(
            method: exchange.head.method.rawValue, target: exchange.head.uri, headers: exchange.head.headers,
            body: exchange.body, bodyBytes: exchange.body.count + exchange.bodyBytesDropped)
        send(.json(json), context: context)
    }
}
