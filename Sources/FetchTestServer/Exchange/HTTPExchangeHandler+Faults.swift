import NIOCore

/// `/fault/NAME`: the malformed responses of ``ResponseFault``, as raw bytes below the
/// HTTP encoder. The connection is closed once they are out (or, for the endless ones,
/// when the client gives up); `/fault/no-answer` leaves it open and silent.
extension HTTPExchangeHandler {
    func startFault(_ fault: ResponseFault, context: ChannelHandlerContext) {
        isClosing = true
        let allocator = context.channel.allocator
        switch fault {
        case .garbageStatusLine: sendRawAndClose(MalformedResponses.garbageStatusLine, context: context)
        case .http09: sendRawAndClose(MalformedResponses.http09, context: context)
        case .badStatusCode: sendRawAndClose(MalformedResponses.badStatusCode, context: context)
        case .badChunkSize: sendRawAndClose(MalformedResponses.badChunkSize, context: context)
        case .duplicateContentLength: sendRawAndClose(MalformedResponses.duplicateContentLength, context: context)
        case .conflictingContentLength: sendRawAndClose(MalformedResponses.conflictingContentLength, context: context)
        case .hugeHeaderLine: sendRawAndClose(MalformedResponses.hugeHeaderLine, context: context)
        case .endlessHeaders: startEndlessHead(EndlessHead.headers(allocator: allocator), context: context)
        case .endlessContinues: startEndlessHead(EndlessHead.continues(allocator: allocator), context: context)
        case .gzipBomb: sendGzipBomb(context: context)
        case .noAnswer: break  // The exchange stays open until the client leaves.
        }
    }

    private func sendRawAndClose(_ text: String, context: ChannelHandlerContext) {
        closeWhenDone(writeRaw(text, context: context), context: context)
    }

    /// A well-formed response: only what it decodes to is hostile.
    private func sendGzipBomb(context: ChannelHandlerContext) {
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-encoding: gzip\r\n"
            + "content-length: \(GzipBomb.compressed.count)\r\nconnection: close\r\n\r\n"
        var bytes = context.channel.allocator.buffer(string: head)
        if exchange?.sendsBody == true { bytes.writeBytes(GzipBomb.compressed) }
        closeWhenDone(writeRaw(bytes, context: context), context: context)
    }

    private func startEndlessHead(_ start: (prefix: ByteBuffer, stream: EndlessHead), context: ChannelHandlerContext) {
        writeRaw(start.prefix, flush: false, context: context)
        endlessHead = start.stream
        continueEndlessHead(context: context)
    }

    /// Like ``continueByteStream(context:)``: writes while the channel is writable, then
    /// waits for `channelWritabilityChanged`.
    func continueEndlessHead(context: ChannelHandlerContext) {
        guard var stream = endlessHead else { return }
        while stream.sent < EndlessHead.limit, context.channel.isWritable {
            writeRaw(stream.unit, flush: false, context: context)
            stream.sent += stream.unit.readableBytes
        }
        if stream.sent >= EndlessHead.limit {
            endlessHead = nil
            closeWhenDone(writeRaw(context.channel.allocator.buffer(capacity: 0), context: context), context: context)
        } else {
            endlessHead = stream
            context.flush()
        }
    }
}
