import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// Lines to stdout, gathered into 64 KiB writes (a results stream of millions of records
/// would otherwise cost a write(2) each).
struct StandardOutputLines {
    /// stdout refused a write: its errno (EPIPE when its reader left).
    struct Refused: Error, CustomStringConvertible {
        let errno: Int32
        var description: String { String(cString: strerror(errno)) }
    }

    private var buffer: [UInt8] = []
    private static let flushAt = 64 * 1024

    /// Adds `line` and a newline; writes once enough is gathered.
    mutating func write(_ line: String) throws(Refused) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushAt { try flush() }
    }

    mutating func flush() throws(Refused) {
        guard !buffer.isEmpty else { return }
        let failure = buffer.withUnsafeBytes { writeFully(STDOUT_FILENO, $0) }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw Refused(errno: failure) }
    }
}
