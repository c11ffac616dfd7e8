import FetchTestServer
import Foundation
import Testing

/// `--fail-early`: curl's option — the run stops at the first URL that fails.
@Suite("--fail-early")
struct FailEarlyTests {
    @Test(
        "the first failure stops the run: exit 1, fewer records than lines, every line read has one",
        arguments: CFetchBinary.strategies)
    func stops(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // Far more lines than the queue holds, so some are never read.
                let failing = server.url("/status/404")
                let urls =
                    (0..<5).map { server.url("/bytes/\($0)") } + [failing]
                    + Array(repeating: server.url("/delay/5000"), count: 3_000)
                let list = try directory.writeList(urls)
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "-j", "4", "--fail-early", "--format", "jsonl", list])
                #expect(result.exited(1), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count < urls.count)
                expectIndexesCover(records, count: records.count)
                for record in records { expectWellFormed(record, strategy: strategy, workers: 4) }
                let failures = records.filter { $0.ok == false && $0.error != "cancelled" }
                #expect(failures.map(\.url) == [failing], "\(result.stdoutText)")
                // The fast ones before it finished, or were cancelled in flight; no slow one ran out.
                let finished = records.filter { $0.ok == true }.compactMap(\.url)
                #expect(finished.allSatisfy { $0.contains("/bytes/") }, "\(result.stdoutText)")
                let summary = try #require(result.stderrLines.last)
                #expect(summary.contains(", stopped at the first failure (--fail-early): \(failing); "), "\(summary)")
                let unread = try #require(summary.firstMatch(of: /; (\d+) input lines not read/), "\(summary)")
                #expect(records.count + (Int(unread.output.1) ?? 0) == urls.count, "\(summary)")
                // Stopped at once: nothing waited out its five seconds.
                #expect(result.elapsed < .seconds(4), "\(result)")
            }
        }
    }

    @Test("no failure, no stop: every URL is fetched, exit 0", arguments: CFetchBinary.strategies)
    func okRunsToTheEnd(strategy: String) async throws {
        try await withServer { server in
            let urls = (0..<20).map { server.url("/bytes/\($0)") }
            let result = try await CFetchBinary.run(["--strategy", strategy, "-j", "4", "--fail-early"] + urls)
            #expect(result.exited(0), "\(result)")
            #expect(try JSONRecord.parseLines(result.stdoutText).count == 20)
            #expect(!result.stderrText.contains("stopped"), "\(result)")
        }
    }

    @Test("retries count as one URL: a 503 that a retry turns into a 200 does not stop the run")
    func retriedURLCountsOnce() async throws {
        try await withServer { server in
            let urls = [server.url("/first/503/0/bytes/1")] + (0..<5).map { server.url("/bytes/\($0)") }
            let result = try await CFetchBinary.run(
                ["-j", "1", "--fail-early", "--retry", "2", "--retry-delay", "0", "--format", "jsonl"] + urls)
            #expect(result.exited(0), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.count == 6 && records.allSatisfy { $0.ok == true }, "\(result)")
            #expect(records.first?.attempts == 2, "\(result)")
        }
    }

    @Test("with --keep-order: the records before the failure come out in order, then the stop")
    func withKeepOrder() async throws {
        try await withServer { server in
            let urls =
                (0..<10).map { server.url("/bytes/\($0)") } + [server.url("/status/500")]
                + Array(repeating: server.url("/delay/5000"), count: 20)
            let result = try await CFetchBinary.run(
                ["-j", "4", "--fail-early", "--keep-order", "--format", "jsonl"] + urls)
            #expect(result.exited(1), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.map(\.index) == Array(0..<records.count))
            // Before the failure: finished, or cancelled in flight when it stopped the run.
            #expect(records.prefix(10).allSatisfy { $0.ok == true || $0.error == "cancelled" }, "\(result)")
            #expect(records.count > 10 && records[10].status == 500, "\(result)")
            #expect(records.dropFirst(11).allSatisfy { $0.error == "cancelled" }, "\(result)")
        }
    }
}
