import CHiredis

#if canImport(Glibc)
import Glibc
#endif

/// A reply read where hiredis holds it, for a caller that takes only what it needs out of
/// a large reply (a stream read of hundreds of entries) rather than copying all of it into
/// a `RedisReply` first.
///
/// Valid only inside the closure `RedisConnection.command(_:reading:)` lends it to, and
/// the elements' views only inside `withElement`'s: it cannot be copied, and neither
/// closure may return it (their results are copyable). Internal to the Redis layer's
/// module, like the pointer it wraps.
struct RedisReplyView: ~Copyable {
    private let reply: UnsafePointer<redisReply>

    fileprivate init(_ reply: UnsafePointer<redisReply>) {
        self.reply = reply
    }

    /// Run `body` on a view of `reply`, which stays hiredis's to free.
    static func reading<Value, Failure: Error>(
        _ reply: UnsafePointer<redisReply>, _ body: (borrowing RedisReplyView) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        try body(RedisReplyView(reply))
    }

    var isArray: Bool { reply.pointee.type == REDIS_REPLY_ARRAY }

    /// An array's element count; 0 for any other reply.
    var count: Int { isArray ? reply.pointee.elements : 0 }

    /// Runs `body` on the view of element `index` of an array reply.
    func withElement<Value>(_ index: Int, _ body: (borrowing RedisReplyView) -> Value) -> Value {
        precondition(isArray && index >= 0 && index < reply.pointee.elements, "no element \(index) in this reply")
        return body(RedisReplyView(cfetch_redis_reply_element(reply, index)))
    }

    /// A bulk or status string's bytes, lent to `body`; nil for any other reply.
    func withBytes<Value>(_ body: (UnsafeBufferPointer<UInt8>) -> Value) -> Value? {
        let raw = reply.pointee
        guard raw.type == REDIS_REPLY_STRING || raw.type == REDIS_REPLY_STATUS else { return nil }
        guard let text = raw.str, raw.len > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return text.withMemoryRebound(to: UInt8.self, capacity: raw.len) {
            body(UnsafeBufferPointer(start: $0, count: raw.len))
        }
    }

    /// A bulk or status string as text (invalid UTF-8 replaced), as `RedisReply.string`.
    var string: String? {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether this is a string reply holding exactly `text`'s bytes (no copy made).
    func isString(_ text: StaticString) -> Bool {
        withBytes { bytes in
            bytes.count == text.utf8CodeUnitCount
                && (bytes.isEmpty || memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0)
        } ?? false
    }

    /// A string reply holding a decimal integer from 0, read without a copy; nil for any
    /// other reply or text.
    var nonNegativeInteger: Int? {
        withBytes { bytes -> Int? in
            guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
            var value = 0
            for byte in bytes {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        } ?? nil
    }

    /// The whole reply copied out, as `RedisConnection.command` gives it.
    var copy: RedisReply { RedisReply(copying: reply) }
}
