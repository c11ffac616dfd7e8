import NIOCore

/// The deterministic content of every generated body: byte `i` of a body is
/// `alphabet[i % 64]`, printable so a person can `curl` it to a terminal, and
/// checkable by a test without keeping a copy.
enum BodyPattern {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Largest slice `slice(startingAt:length:)` hands out; streams write in chunks this size.
    static let chunkSize = 64 * 1024

    /// One shared buffer, one period longer than a chunk so a chunk can start at any
    /// phase of the pattern. Slices share its storage: streaming 1 GiB copies nothing.
    private static let source: ByteBuffer = {
        let length = chunkSize + alphabet.count
        var buffer = ByteBufferAllocator().buffer(capacity: length)
        for index in 0..<length {
            buffer.writeInteger(alphabet[index % alphabet.count])
        }
        return buffer
    }()

    /// The bytes at `offset ..< offset + length` of a body; `length` is at most `chunkSize`.
    static func slice(startingAt offset: UInt64, length: Int) -> ByteBuffer {
        precondition(length >= 0 && length <= chunkSize, "callers split bodies into chunks")
        let phase = Int(offset % UInt64(alphabet.count))
        return source.getSlice(at: source.readerIndex + phase, length: length)!
    }

    /// The byte a body holds at `offset`, for tests that check content.
    static func byte(at offset: UInt64) -> UInt8 {
        alphabet[Int(offset % UInt64(alphabet.count))]
    }
}
