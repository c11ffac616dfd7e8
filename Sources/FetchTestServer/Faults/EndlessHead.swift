import NIOCore

/// A response head that never ends: after `prefix`, `unit` again and again, written as
/// fast as the client reads. A client must give up by its own header size limit (or time
/// limit); the server stops after `limit` bytes so a client without one cannot keep it busy.
struct EndlessHead {
    static let limit = 64 << 20

    let unit: ByteBuffer
    var sent = 0

    /// A 200 status line, then 100-byte header lines `x-filler: …` forever.
    static func headers(allocator: ByteBufferAllocator) -> (prefix: ByteBuffer, stream: EndlessHead) {
        let line = "x-filler: " + String(repeating: "x", count: 88) + "\r\n"
        return (allocator.buffer(string: "HTTP/1.1 200 OK\r\n"), EndlessHead(unit: repeated(line, allocator)))
    }

    /// `100 Continue` interim responses forever, never a final one.
    static func continues(allocator: ByteBufferAllocator) -> (prefix: ByteBuffer, stream: EndlessHead) {
        (allocator.buffer(string: ""), EndlessHead(unit: repeated("HTTP/1.1 100 Continue\r\n\r\n", allocator)))
    }

    /// Many copies of `text` in one buffer, so each write carries about 16 KB.
    private static func repeated(_ text: String, _ allocator: ByteBufferAllocator) -> ByteBuffer {
        allocator.buffer(string: String(repeating: text, count: max(1, 16_384 / text.utf8.count)))
    }
}
