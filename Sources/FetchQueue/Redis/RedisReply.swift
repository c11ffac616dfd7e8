import CHiredis

/// One reply from the server, as hiredis 0.14 parses RESP2: copied out of hiredis's
/// memory before `freeReplyObject`, so it outlives the call and may cross threads.
///
/// `RedisConnection.command` throws a top-level error reply as a `RedisError`; an error
/// stays a value where it shares a reply with others (a pipeline's, an `EXEC`'s array).
public enum RedisReply: Sendable, Equatable, CustomStringConvertible {
    /// A bulk string: bytes, binary-safe (`GET`, `XADD`'s entry id, stream fields).
    case string([UInt8])
    /// A simple string: `OK`, `PONG`, `QUEUED`.
    case status(String)
    case integer(Int64)
    case array([RedisReply])
    /// A missing value: `GET` of no key, `XREADGROUP` with nothing new (RESP2 has one nil
    /// for a nil bulk string and a nil array alike).
    case null
    /// An error reply inside a pipeline or an array: "NOGROUP No such key …".
    case error(String)

    /// A string reply (bulk or status) as text; invalid UTF-8 is replaced, so use
    /// `bytes` for binary values.
    public var string: String? {
        switch self {
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    /// A bulk string's bytes, exactly as stored.
    public var bytes: [UInt8]? {
        if case .string(let bytes) = self { bytes } else { nil }
    }

    public var integer: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    public var array: [RedisReply]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    public var isNull: Bool { self == .null }

    /// The server's message when this is an error reply.
    public var errorMessage: String? {
        if case .error(let message) = self { message } else { nil }
    }

    /// As redis-cli would show it, on one line (for test failures and logs).
    public var description: String {
        switch self {
        case .string(let bytes): String(decoding: bytes, as: UTF8.self).debugDescription
        case .status(let text): text
        case .integer(let value): "(integer) \(value)"
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .null: "(nil)"
        case .error(let message): "(error) \(message)"
        }
    }

    /// A copy of `reply` and everything in it; `reply` itself stays hiredis's to free.
    init(copying reply: UnsafePointer<redisReply>) {
        let raw = reply.pointee
        switch raw.type {
        case REDIS_REPLY_STRING:
            self = .string(Self.bytes(raw.str, count: raw.len))
        case REDIS_REPLY_STATUS:
            self = .status(String(decoding: Self.bytes(raw.str, count: raw.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            self = .error(String(decoding: Self.bytes(raw.str, count: raw.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int64(raw.integer))
        case REDIS_REPLY_ARRAY:
            self = .array(
                (0..<raw.elements).map { index in
                    RedisReply(copying: cfetch_redis_reply_element(reply, index))
                })
        default:
            // REDIS_REPLY_NIL, and any type a later hiredis might add.
            self = .null
        }
    }

    private static func bytes(_ pointer: UnsafeMutablePointer<CChar>?, count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }
}
