#if canImport(Glibc)
import Glibc
#endif

/// Writes whole strings to a descriptor with write(2), unbuffered, so each record reaches
/// a reading `jq` or `head` as soon as it is written.
///
/// Not thread-safe; the `Reporter` serialises its use.
final class OutputWriter {
    let fd: Int32
    /// Set once a write fails (EPIPE when the reader went away); later writes are dropped.
    private(set) var isClosed = false

    init(fd: Int32) {
        self.fd = fd
    }

    /// Writes all of `text`; false if the descriptor no longer takes output.
    @discardableResult
    func write(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { write($0) }
    }

    /// Writes all of `bytes`; false if the descriptor no longer takes output.
    @discardableResult
    func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !isClosed else { return false }
        let complete = writeFully(fd, UnsafeRawBufferPointer(bytes)) == nil
        if !complete { isClosed = true }
        return complete
    }
}
