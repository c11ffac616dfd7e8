import NIOCore
import NIOHTTP1

/// `/slow-headers/MS`: the status line and first header now, the rest of the head and
/// the body after MS ms, so the first byte is early but the head completes late.
///
/// `HTTPResponseEncoder` can only emit a whole head, so this response is written as raw
/// bytes through the encoder's own context, which hands them to the handlers below the
/// encoder, i.e. straight to the socket. `HTTPServerPipelineHandler` never sees this
/// response end, so the connection cannot be reused: the raw head says
/// `Connection: close` and the channel closes once the body is out.
extension HTTPExchangeHandler {
    func startSlowHeaders(milliseconds: Int64, context: ChannelHandlerContext) {
        isClosing = true
        let sendsBody = exchange?.sendsBody ?? false
        let body = "slow headers: waited \(milliseconds) ms\n"
        writeRaw("HTTP/1.1 200 OK\r\ncontent-type: \(SimpleResponse.textContentType)\r\n", context: context)
        schedule(after: milliseconds, context: context) { handler, context in
            let rest = "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n" + (sendsBody ? body : "")
            handler.closeWhenDone(handler.writeRaw(rest, context: context), context: context)
        }
    }

    /// Writes and flushes bytes below the HTTP encoder.
    @discardableResult
    func writeRaw(_ text: String, context: ChannelHandlerContext) -> EventLoopFuture<Void> {
        writeRaw(context.channel.allocator.buffer(string: text), context: context)
    }

    /// Writes bytes below the HTTP encoder, straight to the socket: the raw responses
    /// (slow headers, faults, close-delimited bodies) that the encoder could not produce.
    @discardableResult
    func writeRaw(_ bytes: ByteBuffer, flush: Bool = true, context: ChannelHandlerContext) -> EventLoopFuture<Void> {
        guard let encoder = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) else {
            // Only if someone rebuilt the pipeline without an encoder; nothing sensible to send.
            return context.eventLoop.makeFailedFuture(ChannelError.inappropriateOperationForState)
        }
        return flush ? encoder.writeAndFlush(NIOAny(bytes)) : encoder.write(NIOAny(bytes))
    }
}
