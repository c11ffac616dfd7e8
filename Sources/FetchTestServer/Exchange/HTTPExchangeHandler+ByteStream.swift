import NIOCore
import NIOHTTP1

/// Progress through a `/bytes/N` body.
struct ByteStream {
    let total: UInt64
    var sent: UInt64 = 0
}

extension HTTPExchangeHandler {
    func startByteStream(count: UInt64, context: ChannelHandlerContext) {
        let headers: HTTPHeaders = [
            "content-type": "application/octet-stream",
            "content-length": String(count),
        ]
        writeHead(.ok, headers: headers, context: context)
        guard exchange?.sendsBody == true, count > 0 else {
            finishResponse(context: context)
            return
        }
        byteStream = ByteStream(total: count)
        continueByteStream(context: context)
    }

    /// Writes chunks until the channel stops being writable (NIO counts unflushed
    /// writes against the high-water mark), then flushes and waits for
    /// `channelWritabilityChanged`: at most about two chunks are ever queued, whatever N is.
    func continueByteStream(context: ChannelHandlerContext) {
        guard var stream = byteStream else { return }
        while stream.sent < stream.total, context.channel.isWritable {
            let length = Int(min(UInt64(BodyPattern.chunkSize), stream.total - stream.sent))
            writePatternBody(offset: stream.sent, length: length, context: context)
            stream.sent += UInt64(length)
        }
        if stream.sent == stream.total {
            byteStream = nil
            finishResponse(context: context)
        } else {
            // Stored before flushing: a flush can drain the socket and re-enter this
            // method through channelWritabilityChanged.
            byteStream = stream
            context.flush()
        }
    }
}
