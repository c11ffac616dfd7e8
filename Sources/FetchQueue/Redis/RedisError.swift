/// A Redis command or connection failed: what cfetch was doing, which kind of failure it
/// was, and the words of whoever reported it (the server's error reply, or hiredis's
/// `errstr` with the errno behind it).
///
/// `isConnectionLost` is the line the queue mode acts on: a lost connection is worth a
/// `reconnect()` after a back-off, while an error reply (`NOGROUP`, `WRONGTYPE`) or a
/// refused login would only come back the same.
public struct RedisError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Nothing listens at the address (ECONNREFUSED), or it cannot be reached.
        case connectRefused
        /// The server did not accept the connection within the connect timeout.
        case connectTimeout
        /// A read or write on the connection failed (reset, broken pipe, …).
        case io
        /// The server did not answer within the command timeout.
        case commandTimeout
        /// The server closed the connection: it went away or was restarted.
        case connectionClosed
        /// The bytes from the server are not RESP: the connection cannot be trusted.
        case protocolError
        /// The server answered with an error reply (`ERR …`, `NOGROUP …`, `WRONGTYPE …`).
        case serverError
        /// `AUTH` was refused, or a command needs it (`NOAUTH`).
        case authenticationFailed
        /// The connection failed earlier (or was closed) and needs `reconnect()`.
        case notConnected
        /// hiredis could not allocate, or failed in a way it does not name.
        case other
    }

    public let kind: Kind
    /// What cfetch was doing: "connecting to redis://127.0.0.1:6380/0", "XADD".
    public let context: String
    /// The server's error reply, or hiredis's description of the failure.
    public let message: String
    /// The errno behind an I/O failure, when there was one.
    public let errno: Int32?

    public init(_ kind: Kind, context: String, message: String, errno: Int32? = nil) {
        self.kind = kind
        self.context = context
        self.message = message
        self.errno = errno
    }

    /// Whether the connection is gone (reconnect, then try again) rather than the command
    /// refused on a connection that still works.
    public var isConnectionLost: Bool {
        switch kind {
        case .connectRefused, .connectTimeout, .io, .commandTimeout, .connectionClosed, .protocolError, .notConnected,
            .other:
            true
        case .serverError, .authenticationFailed:
            false
        }
    }

    /// The first word of an error reply, which Redis uses as its code: "ERR", "NOGROUP",
    /// "WRONGTYPE", "WRONGPASS"; nil for other kinds.
    public var serverErrorCode: String? {
        guard kind == .serverError || kind == .authenticationFailed else { return nil }
        return message.split(separator: " ", maxSplits: 1).first.map(String.init)
    }

    /// "XREADGROUP: NOGROUP No such key 'q' or consumer group 'g'", "connecting to
    /// redis://127.0.0.1:6380/0: Connection refused".
    public var description: String { "\(context): \(message)" }
}
