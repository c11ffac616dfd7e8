import Foundation
import Testing

/// A transfer never fails because of cfetch's own descriptor budget: the soft limit is
/// raised to the hard limit, and when even that cannot hold `-j` transfers, fewer run at
/// once, said once on stderr — never a false `connect` failure, never a refusal to start.
@Suite("Open-files limit")
struct OpenFileLimitTests {
    /// Runs `cfetch ARGS LIST` under the shell's `ulimit` settings.
    private func run(
        limits: String, strategy: String, concurrency: Int, list: String
    ) async throws -> ChildProcess.Result {
        let binary = ChildProcess.shellQuoted(try CFetchBinary.path())
        let script =
            "\(limits); \(binary) --strategy \(strategy) -j \(concurrency) -s --format jsonl "
            + ChildProcess.shellQuoted(list)
        return try await ChildProcess.shell(script, timeout: .seconds(60))
    }

    private func expectAllOK(_ result: ChildProcess.Result, count: Int) {
        let failures = result.stdoutLines.filter { !$0.contains("\"ok\":true") }
        #expect(result.exited(0), "\(failures.count) failed, e.g. \(failures.first ?? ""); \(result.stderrText)")
        #expect(result.stdoutLines.count == count)
    }

    @Test(
        "a soft limit of 64 under a hard one of 4096 is raised: -j 300 runs 300 at once",
        arguments: CFetchBinary.strategies)
    func raisesSoftLimit(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // Each held 1.5 s, so they overlap however slowly a loaded machine connects.
                let list = try directory.writeList(Array(repeating: server.url("/delay/1500"), count: 300))
                let result = try await run(
                    limits: "ulimit -Sn 64; ulimit -Hn 4096", strategy: strategy, concurrency: 300, list: list)
                expectAllOK(result, count: 300)
                #expect(result.stderrText.isEmpty, "\(result.stderrText)")
                #expect(server.peakActiveRequests > 64, "peak \(server.peakActiveRequests)")
            }
        }
    }

    @Test("ulimit -n 64: -j 1 runs (nothing is refused for want of a reserve)", arguments: CFetchBinary.strategies)
    func smallLimitOneWorker(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList((0..<20).map { server.url("/bytes/\($0)") })
                let result = try await run(limits: "ulimit -n 64", strategy: strategy, concurrency: 1, list: list)
                expectAllOK(result, count: 20)
                #expect(result.stderrText.isEmpty, "\(result.stderrText)")
            }
        }
    }

    @Test("ulimit -n 64: -j 500 is lowered, said once, and no URL fails", arguments: CFetchBinary.strategies)
    func smallLimitManyWorkers(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/delay/20"), count: 400))
                let result = try await run(limits: "ulimit -n 64", strategy: strategy, concurrency: 500, list: list)
                expectAllOK(result, count: 400)
                let lines = result.stderrText.split(separator: "\n")
                #expect(lines.count == 1, "\(result.stderrText)")
                #expect(
                    result.stderrText.contains("-j 500 lowered to") && result.stderrText.contains("limit is 64"),
                    "\(result.stderrText)")
                #expect(server.peakActiveRequests <= 64, "peak \(server.peakActiveRequests)")
            }
        }
    }
}
