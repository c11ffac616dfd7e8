import NIOCore
import NIOHTTP1

/// Progress through a `/bytes/N`, `/chunked/N` or `/close-delimited/N` body.
struct ByteStream {
    /// How the client learns where the body ends.
    enum Framing {
        case contentLength
        case chunked
        /// Neither a length nor chunks: the server closes the connection. NIO's encoder
        /// would add chunking, so head and body go below it as raw bytes.
        case closeDelimited
    }

    let total: UInt64
    let framing: Framing
    var sent: UInt64 = 0
}

extension HTTPExchangeHandler {
    func startByteStream(count: UInt64, framing: ByteStream.Framing = .contentLength, context: ChannelHandlerContext) {
        switch framing {
        case .contentLength:
            writeHead(
                .ok, headers: ["content-type": "application/octet-stream", "content-length": String(count)],
                context: context)
        case .chunked:
            writeHead(
                .ok, headers: ["content-type": "application/octet-stream", "transfer-encoding": "chunked"],
                context: context)
        case .closeDelimited:
            isClosing = true
            writeRaw(
                "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\nconnection: close\r\n\r\n",
                context: context)
        }
        guard exchange?.sendsBody == true, count > 0 else {
            endByteStream(framing, context: context)
            return
        }
        byteStream = ByteStream(total: count, framing: framing)
        continueByteStream(context: context)
    }

    /// Writes chunks until the channel stops being writable (NIO counts unflushed
    /// writes against the high-water mark), then flushes and waits for
    /// `channelWritabilityChanged`: at most about two chunks are ever queued, whatever N is.
    func continueByteStream(context: ChannelHandlerContext) {
        guard var stream = byteStream else { return }
        while stream.sent < stream.total, context.channel.isWritable {
            let length = Int(min(UInt64(BodyPattern.chunkSize), stream.total - stream.sent))
            if stream.framing == .closeDelimited {
                writeRaw(BodyPattern.slice(startingAt: stream.sent, length: length), flush: false, context: context)
            } else {
                writePatternBody(offset: stream.sent, length: length, context: context)
            }
            stream.sent += UInt64(length)
        }
        if stream.sent == stream.total {
            byteStream = nil
            endByteStream(stream.framing, context: context)
        } else {
            // Stored before flushing: a flush can drain the socket and re-enter this
            // method through channelWritabilityChanged.
            byteStream = stream
            context.flush()
        }
    }

    private func endByteStream(_ framing: ByteStream.Framing, context: ChannelHandlerContext) {
        if framing == .closeDelimited {
            closeWhenDone(writeRaw(context.channel.allocator.buffer(capacity: 0), context: context), context: context)
        } else {
            finishResponse(context: context)
        }
    }
}
