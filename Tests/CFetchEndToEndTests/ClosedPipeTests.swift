import Foundation
import Testing

@Suite("Output closed early")
struct ClosedPipeTests {
    @Test("cfetch … | head -1 over 5,000 URLs: one line, a quiet and quick exit", arguments: CFetchBinary.strategies)
    func headOne(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/bytes/1"), count: 5_000))
                let binary = try CFetchBinary.path()
                // cfetch's own status goes to stderr (sh's is head's), and so do the moments
                // the reader left and cfetch exited, in nanoseconds.
                let script =
                    "{ \(ChildProcess.shellQuoted(binary)) --strategy \(strategy) --format jsonl "
                    + "\(ChildProcess.shellQuoted(list)); echo \"cfetch exit $? at $(date +%s%N)\" >&2; } "
                    + "| { head -1; echo \"reader left at $(date +%s%N)\" >&2; }"
                let result = try await ChildProcess.shell(script, timeout: .seconds(120))

                #expect(result.exited(0), "\(result)")
                let lines = result.stdoutLines
                #expect(lines.count == 1, "\(result)")
                let record = try JSONRecord(line: try #require(lines.first))
                #expect(record.strategy == strategy)
                for crash in ["Fatal error", "Stack dump", "Backtrace", "Illegal instruction", "Segmentation"] {
                    #expect(!result.stderrText.contains(crash), "\(result)")
                }
                // Not killed by SIGPIPE (141): it notices the closed output and stops on purpose.
                #expect(result.stderrText.contains("cfetch exit 0"), "\(result)")
                // It stops once its next record finds the reader gone, not after the list: a
                // guard against hanging (the shell's own limit is far above it), not a speed test.
                let left = try #require(Self.moment("reader left at ", in: result.stderrText), "\(result)")
                let exited = try #require(Self.moment("cfetch exit 0 at ", in: result.stderrText), "\(result)")
                #expect(exited - left < 20_000_000_000, "exited \(Double(exited - left) / 1e9) s after the reader left")
                // It stopped early instead of fetching the whole list into a closed pipe.
                #expect(server.requestCount < 5_000, "fetched \(server.requestCount) URLs after the reader left")
            }
        }
    }

    /// The nanoseconds after `prefix` on a stderr line.
    private static func moment(_ prefix: String, in stderr: String) -> Int64? {
        for line in stderr.split(separator: "\n") where line.hasPrefix(prefix) {
            return Int64(line.dropFirst(prefix.count))
        }
        return nil
    }
}
