import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `/reset` and `/truncated`: responses that promise more body than they deliver, and
/// end the connection in the two ways a client must tell apart.
extension HTTPExchangeHandler {
    static let resetPromisedLength = 100_000
    static let truncatedPromisedLength = 10_000
    /// What both actually send of the promised body.
    static let partialBodyLength = 1_000
    /// Long enough for a client on loopback to have read the head and the first part,
    /// so it sees a reset in the middle of a 200's body rather than before any response.
    static let resetDelayMilliseconds: Int64 = 100

    /// 200 with `Content-Length: 100000`, 1000 bytes, then a TCP RST
    /// (curl: error 56, "Recv failure: Connection reset by peer").
    func startReset(context: ChannelHandlerContext) {
        isClosing = true
        writeBrokenResponse(promising: Self.resetPromisedLength, context: context)
        context.flush()
        schedule(after: Self.resetDelayMilliseconds, context: context) { _, context in
            // SO_LINGER {on, 0} makes close() drop the connection with a RST instead of a FIN.
            if let socket = context.channel as? SocketOptionProvider {
                _ = socket.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            }
            context.close(promise: nil)
        }
    }

    /// 200 with `Content-Length: 10000`, 1000 bytes, then a clean close
    /// (curl: error 18, "transfer closed with 9000 bytes remaining to read").
    func sendTruncated(context: ChannelHandlerContext) {
        isClosing = true
        let lastWrite = writeBrokenResponse(promising: Self.truncatedPromisedLength, context: context)
        context.flush()
        // Closing only once the bytes reached the socket: NIO drops writes still queued at close.
        closeWhenDone(lastWrite, context: context)
    }

    /// Returns the future of the last thing written.
    @discardableResult
    private func writeBrokenResponse(promising length: Int, context: ChannelHandlerContext) -> EventLoopFuture<Void> {
        let headers: HTTPHeaders = [
            "content-type": SimpleResponse.textContentType,
            "content-length": String(length),
        ]
        let head = writeHead(.ok, headers: headers, context: context)
        let body = writePatternBody(offset: 0, length: Self.partialBodyLength, context: context)
        return body ?? head ?? context.eventLoop.makeSucceededVoidFuture()
    }
}
