#if canImport(Glibc)
import Glibc
#endif

/// Writes whole strings, or whole batches of records, to a descriptor with write(2),
/// unbuffered: what it is given reaches a reading `jq` or `head` at once.
///
/// Not thread-safe: stdout's belongs to the record output's writer thread, stderr's is
/// used under the progress bar's lock.
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

    /// Writes all of `batch`; returns how many of its records are whole on the descriptor
    /// (all of them, unless it refused part of the batch).
    func write(_ batch: RecordBatch) -> Int {
        guard failure == nil else { return 0 }
        var written = 0
        let error = batch.bytes.withUnsafeBytes { writeFully(fd, $0, written: &written) }
        guard let error else { return batch.recordCount }
        failure = error
        let whole = batch.whole(within: written)
        if written > whole.bytes { takeBack(written - whole.bytes) }
        return whole.records
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
