import NIOCore
import NIOHTTP1

extension HTTPExchangeHandler {
    /// Writes the response head (unflushed), answering in the request's HTTP version and
    /// saying whether the connection stays open. Returns nil if there is no request to answer.
    @discardableResult
    func writeHead(
        _ status: HTTPResponseStatus,
        headers: HTTPHeaders,
        context: ChannelHandlerContext
    ) -> EventLoopFuture<Void>? {
        guard let exchange else { return nil }
        var headers = headers
        if !exchange.keepAlive {
            headers.replaceOrAdd(name: "connection", value: "close")
        } else if exchange.head.version.minor == 0 {
            headers.replaceOrAdd(name: "connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(version: exchange.head.version, status: status, headers: headers)
        return context.write(wrapOutboundOut(.head(head)))
    }

    /// Writes `length` bytes of ``BodyPattern`` starting at body offset `offset`, unflushed,
    /// and returns the last write's future (nil when nothing was written). Skipped for HEAD
    /// requests, whose responses carry no body.
    @discardableResult
    func writePatternBody(offset: UInt64, length: Int, context: ChannelHandlerContext) -> EventLoopFuture<Void>? {
        guard exchange?.sendsBody == true else { return nil }
        var written = 0
        var lastWrite: EventLoopFuture<Void>?
        while written < length {
            let chunk = min(BodyPattern.chunkSize, length - written)
            let bytes = BodyPattern.slice(startingAt: offset + UInt64(written), length: chunk)
            lastWrite = context.write(wrapOutboundOut(.body(.byteBuffer(bytes))))
            written += chunk
        }
        return lastWrite
    }

    /// Sends a complete small response with its Content-Length.
    func send(_ response: SimpleResponse, context: ChannelHandlerContext) {
        var headers = response.headers
        let body = context.channel.allocator.buffer(string: response.body)
        if response.status.mayHaveResponseBody {
            headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        }
        writeHead(response.status, headers: headers, context: context)
        if exchange?.sendsBody == true, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        finishResponse(context: context)
    }

    /// Ends the current response, and the connection too if the client asked for that.
    func finishResponse(context: ChannelHandlerContext) {
        guard let exchange else { return }
        // Cleared before writing `.end`: that write lets HTTPServerPipelineHandler deliver
        // the next pipelined request, re-entering channelRead with a new exchange.
        self.exchange = nil
        counters.requestFinished(port: port)
        if !exchange.keepAlive {
            isClosing = true
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !exchange.keepAlive {
            closeWhenDone(written, context: context)
        }
    }

    /// Closes the connection (cleanly, with a FIN) once `write` has reached the socket.
    func closeWhenDone(_ write: EventLoopFuture<Void>, context: ChannelHandlerContext) {
        write.assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
