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
                // cfetch's own status goes to stderr (sh's is head's).
                let script =
                    "{ \(ChildProcess.shellQuoted(binary)) --strategy \(strategy) --format jsonl "
                    + "\(ChildProcess.shellQuoted(list)); echo \"cfetch exit $?\" >&2; } | head -1"
                let result = try await ChildProcess.shell(script, timeout: .seconds(20))

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
                // A guard against hanging, not a speed test (the suite keeps both cores busy).
                #expect(result.elapsed < .seconds(30), "took \(result.elapsed)")
                // It stopped early instead of fetching the whole list into a closed pipe.
                #expect(server.requestCount < 5_000, "fetched \(server.requestCount) URLs after the reader left")
            }
        }
    }
}
