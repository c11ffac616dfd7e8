import FetchKit

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs another tool on the benchmark's list in a child process, measured as cfetch's
/// runs are, and counts what it fetched from its own report (`ToolOutcome`).
struct ToolChild: Sendable {
    let invocation: ToolInvocation
    let cancellation: BenchCancellation?

    func run(repetition: Int) throws -> BenchSample {
        if let scratch = invocation.scratchDirectory {
            mkdir(scratch, 0o700)
            cancellation?.scratchDirectoryCreated(scratch)
        }
        defer {
            if let scratch = invocation.scratchDirectory {
                try? FileManager.default.removeItem(atPath: scratch)
                cancellation?.scratchDirectoryRemoved(scratch)
            }
        }
        var output: [UInt8] = []
        let process = try MeasuredProcess.run(invocation.argv, cancellation: cancellation) { fd in
            output = Self.readAll(fd)
        }
        let outcome = ToolOutcome(
            invocation.tool, output: String(decoding: output, as: UTF8.self), expected: invocation.expected)
        return process.sample(
            .tool(invocation.tool), repetition: repetition, records: [], transfers: invocation.expected,
            errors: outcome.errors)
    }

    /// Everything until the child closes its stdout (a read error ends it there).
    private static func readAll(_ fd: Int32) -> [UInt8] {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = readSome(fd, into: &buffer)
            if count > 0 {
                output += buffer[..<count]
            } else if count == 0 || errno != EINTR {
                return output
            }
        }
    }
}
