import FetchKit
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A pipe a test writes records into and reads them back from, as slowly as it likes:
/// stdout with a reader that falls behind, stops, or leaves.
final class TestPipe: @unchecked Sendable {  // guarded: the descriptors are set once; `readBack` by `lock`
    let readEnd: Int32
    let writeEnd: Int32
    private let lock = NSLock()
    private var readBack: [UInt8] = []

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SystemCallError(call: "pipe", errno: errno) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    /// Fills the pipe until it takes no more, so the next write blocks until it is read.
    /// Returns the bytes written.
    func fill() -> Int {
        let flags = fcntl(writeEnd, F_GETFL)
        _ = fcntl(writeEnd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(writeEnd, F_SETFL, flags) }
        let chunk = [UInt8](repeating: UInt8(ascii: "#"), count: 4096)
        var total = 0
        while true {
            let written = chunk.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            guard written > 0 else { return total }
            total += written
        }
    }

    /// Reads until the write end is closed (on the calling thread, which it blocks).
    func readToEnd() {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while case let count = readSome(readEnd, into: &chunk), count > 0 {
            lock.withLock { readBack += chunk[..<count] }
        }
    }

    /// Reads until `lines` newlines have come, then closes the read end: a reader that leaves.
    func readLines(_ lines: Int) {
        var chunk = [UInt8](repeating: 0, count: 1)
        var seen = 0
        while seen < lines, readSome(readEnd, into: &chunk) == 1 {
            lock.withLock { readBack.append(chunk[0]) }
            if chunk[0] == UInt8(ascii: "\n") { seen += 1 }
        }
        closeReadEnd()
    }

    /// What was read, as text.
    var text: String { lock.withLock { String(decoding: readBack, as: UTF8.self) } }

    /// The lines read, without their newlines; a last line without one is left out.
    var lines: [String] {
        let text = text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()
        return lines
    }

    func closeWriteEnd() { close(writeEnd) }
    func closeReadEnd() { close(readEnd) }
}
