#if canImport(Glibc)
import Glibc
#endif

/// Where a transfer's body goes: counted and dropped, or written to a file descriptor.
///
/// Called from curl's write callback on whichever thread performs the transfer; one sink
/// belongs to one transfer at a time.
final class BodySink {
    private(set) var bytes = 0
    private let fd: Int32?
    private(set) var writeError: Int32?

    /// A sink that counts and discards.
    init() { fd = nil }

    /// A sink that writes to `fd` and closes it in `close()`.
    init(fileDescriptor: Int32) { fd = fileDescriptor }

    /// Takes a chunk; returns how many bytes were accepted (fewer aborts the transfer).
    func accept(_ chunk: UnsafeRawBufferPointer) -> Int {
        if let fd, let failure = writeFully(fd, chunk) {
            writeError = failure
            return 0
        }
        bytes += chunk.count
        return chunk.count
    }

    /// Forgets a failed attempt's body before the next attempt.
    func restart() {
        bytes = 0
        writeError = nil
        if let fd {
            _ = ftruncate(fd, 0)
            _ = lseek(fd, 0, SEEK_SET)
        }
    }

    func close() {
        if let fd { Glibc.close(fd) }
    }
}
