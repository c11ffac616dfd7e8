import FetchKit

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A list written to a temporary file for the child runs, which re-read it on every run:
/// a generated list, a copy of stdin (which could be read only once), or another tool's
/// input. Removed again
/// however the benchmark ends; a second Ctrl-C, which exits at once, removes it through
/// `BenchCancellation`.
struct TemporaryListFile {
    let path: String
    private let cancellation: BenchCancellation

    /// Writes `urls`, one per line, to `cfetch-bench-PID.txt` in `directory`.
    init(urls: [String], directory: String, cancellation: BenchCancellation) throws(SystemCallError) {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("cfetch-bench-\(getpid()).txt").path
        try self.init(lines: urls, path: path, cancellation: cancellation)
    }

    /// Writes `lines`, each ended by a newline, to `path`: another tool's input.
    init(lines: [String], path: String, cancellation: BenchCancellation) throws(SystemCallError) {
        try self.init(path: path, cancellation: cancellation) { (fd, path) throws(SystemCallError) in
            var text = lines.joined(separator: "\n") + "\n"
            if let failed = text.withUTF8({ writeFully(fd, UnsafeRawBufferPointer($0)) }) {
                throw SystemCallError(call: "write", errno: failed, context: "cannot write the list to \(path)")
            }
        }
    }

    /// Copies stdin, to its end, to `cfetch-bench-PID-stdin.txt` in `directory`.
    init(copyingStandardInputTo directory: String, cancellation: BenchCancellation) throws(SystemCallError) {
        let name = "cfetch-bench-\(getpid())-stdin.txt"
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        try self.init(path: path, cancellation: cancellation) {
            (fd, path) throws(SystemCallError) in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = readSome(STDIN_FILENO, into: &buffer)
                if count == 0 { return }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw SystemCallError(call: "read", errno: errno, context: "cannot read the list from stdin")
                }
                let failed = buffer.withUnsafeBytes { writeFully(fd, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                if let failed {
                    throw SystemCallError(call: "write", errno: failed, context: "cannot copy stdin to \(path)")
                }
            }
        }
    }

    /// Creates the file, fills it with `fill` (given the descriptor and the path), and
    /// removes it again if that fails.
    private init(
        path: String, cancellation: BenchCancellation, _ fill: (Int32, String) throws(SystemCallError) -> Void
    ) throws(SystemCallError) {
        self.path = path
        self.cancellation = cancellation
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemCallError(call: "open", errno: errno, context: "cannot write \(path)") }
        cancellation.temporaryFileCreated(path)
        defer { close(fd) }
        do {
            try fill(fd, path)
        } catch {
            remove()
            throw error
        }
    }

    func remove() {
        unlink(path)
        cancellation.temporaryFileRemoved(path)
    }
}
