#if canImport(Glibc)
import Glibc
#endif

/// Writes whole strings to a descriptor with write(2), unbuffered, so each record reaches
/// a reading `jq` or `head` as soon as it is written.
///
/// Not thread-safe; the `Reporter` serialises its use.
final class OutputWriter {
    let fd: Int32
    /// The errno of the write that failed (EPIPE when the reader went away), once one has;
    /// later writes are dropped, so no record follows one that was lost.
    private(set) var failure: Int32?

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
        guard failure == nil else { return false }
        var written = 0
        guard let error = writeFully(fd, UnsafeRawBufferPointer(bytes), written: &written) else { return true }
        failure = error
        if written > 0 { takeBack(written) }
        return false
    }

    /// A full disk can take the first bytes of a line and refuse the rest: a regular file
    /// is cut back to its last whole line, so whoever reads it back parses only whole
    /// records. (A pipe or a terminal cannot take bytes back; nothing follows them.)
    private func takeBack(_ count: Int) {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        let end = lseek(fd, 0, SEEK_CUR)
        guard end >= off_t(count) else { return }
        _ = ftruncate(fd, end - off_t(count))
        _ = lseek(fd, end - off_t(count), SEEK_SET)
    }
}
