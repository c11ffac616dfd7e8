import CHiredis

#if canImport(Glibc)
import Glibc
#endif

/// A hiredis context that failed (`err` set), turned into a `RedisError`: hiredis says
/// I/O, EOF or protocol; the errno kept at the failing call tells a refused or timed-out
/// connect, and a command timeout (a read that hit `SO_RCVTIMEO`: EAGAIN), from other I/O.
enum HiredisFailure {
    /// Where the failure happened, which decides what an errno means.
    enum Phase {
        case connecting
        case command(timeout: Duration)
    }

    static func error(
        of context: UnsafeMutablePointer<redisContext>, errno: Int32, phase: Phase, doing: String
    ) -> RedisError {
        let message = String(cString: cfetch_redis_errstr(context))
        switch (context.pointee.err, phase) {
        case (REDIS_ERR_EOF, _):
            return RedisError(.connectionClosed, context: doing, message: message)
        case (REDIS_ERR_PROTOCOL, _):
            return RedisError(.protocolError, context: doing, message: message)
        case (REDIS_ERR_IO, .connecting):
            let kind: RedisError.Kind =
                switch errno {
                case ETIMEDOUT: .connectTimeout
                case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL: .connectRefused
                default: .io
                }
            return RedisError(kind, context: doing, message: message, errno: errno)
        case (REDIS_ERR_IO, .command(let timeout)) where errno == EAGAIN || errno == EWOULDBLOCK:
            return RedisError(
                .commandTimeout, context: doing, message: "no reply within \(timeout) (\(message))", errno: errno)
        case (REDIS_ERR_IO, _):
            return RedisError(.io, context: doing, message: message, errno: errno)
        default:
            // REDIS_ERR_OTHER (a host that does not resolve, among others) and REDIS_ERR_OOM.
            return RedisError(.other, context: doing, message: message)
        }
    }
}
