import FetchTestServer
import Foundation
import Testing

@testable import FetchKit

@Suite("Skipping done lines in a run")
struct SkipDoneRunTests {
    @Test(
        "done lines get no record and keep their index; the summary and the bar's total leave them out",
        arguments: StrategyKind.allCases)
    func skipped(strategy: StrategyKind) async throws {
        try await withServer { server in
            let urls = (0..<10).map { server.url("/bytes/\($0)") }
            let doneIndexes = [0, 3, 4, 9]
            var configuration = RunConfiguration()
            configuration.strategy = strategy
            configuration.concurrency = 3
            configuration.done = DoneSet(
                digests: doneIndexes.map { DoneSet.digest(url: urls[$0], idText: nil) }, sources: ["out.jsonl"])
            let (records, summary, bar) = try await onOwnThread { [configuration] in
                let collected = Locked<[FetchRecord]>([])
                let devNull = open("/dev/null", O_WRONLY)
                defer { close(devNull) }
                let progress = RunProgress(showBar: false)
                let reporter = Reporter(
                    format: .jsonl, outputFD: devNull, progress: progress,
                    observers: [{ record in collected.withLock { $0.append(record) } }])
                let run = FetchRun(configuration: configuration, sources: [.lines(urls)], progress: progress)
                let summary = try run.run(reporter: reporter)
                return (collected.withLock { $0 }, summary, progress.barText(columns: 200))
            }
            #expect(records.map(\.index).sorted() == [1, 2, 5, 6, 7, 8])
            #expect(records.allSatisfy { $0.url == urls[$0.index] && $0.ok })
            #expect(summary.skipped == SkippedInput(lines: 4, doneIn: ["out.jsonl"]))
            #expect(summary.records == 6)
            #expect(summary.line.hasSuffix("; 4 skipped (done in out.jsonl)"), "\(summary.line)")
            #expect(bar.contains("6/6 100%"), "the bar's total counts only what is fetched: \(bar)")
            #expect(server.requestCount == 6)
        }
    }

    @Test("the skipped count is grouped as the summary prints counts")
    func grouped() {
        #expect(
            SkippedInput(lines: 1_234, doneIn: ["a.jsonl", "b.csv"]).description
                == "1,234 skipped (done in a.jsonl, b.csv)")
        #expect(SkippedInput.grouped(0) == "0" && SkippedInput.grouped(999) == "999")
        #expect(SkippedInput.grouped(1_000_000) == "1,000,000" && SkippedInput.grouped(12_345_678) == "12,345,678")
    }
}
