import FetchTestServer
import Foundation
import Testing

@testable import FetchKit

/// Whole runs into a pipe whose reader falls behind, stops or leaves: the workers never
/// wait for stdout, the input does, and every record is accounted for.
@Suite("A slow reader of stdout", .timeLimit(.minutes(2)))
struct SlowReaderRunTests {
    /// The bytes that may wait for stdout before the input waits: small, so that a test
    /// reaches it with a few thousand short transfers.
    static let limit = 16_384

    /// A run of `count` short transfers into `pipe`, started on its own thread.
    private static func start(
        _ server: TestServer, count: Int, strategy: StrategyKind, keepOrder: Bool = false, into pipe: TestPipe
    ) -> (run: FetchRun, reporter: Reporter, made: FetchHarness.RecordCollector) {
        let urls = (0..<count).map { server.url("/bytes/1?n=\($0)") }
        var configuration = RunConfiguration()
        configuration.strategy = strategy
        configuration.concurrency = 4
        configuration.keepOrder = keepOrder
        let progress = RunProgress(showBar: false)
        let made = FetchHarness.RecordCollector()
        let run = FetchRun(configuration: configuration, sources: [.lines(urls)], progress: progress)
        // As the command wires it: stdout refusing a record stops the run.
        let reporter = Reporter(
            format: .jsonl, outputFD: pipe.writeEnd, outputLimit: limit, progress: progress,
            observers: [{ made.add($0) }], onOutputEnded: { run.stop() })
        return (run, reporter, made)
    }

    /// The `index` of each JSONL line.
    private static func indexes(_ lines: [String]) -> [Int] {
        lines.compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["index"] as? Int
        }
    }

    @Test(
        "a reader that stops: transfers go on to the bound, then the input waits; then nothing is lost",
        arguments: StrategyKind.allCases, [false, true])
    func stoppedReader(strategy: StrategyKind, keepOrder: Bool) async throws {
        try await withServer { server in
            let count = 3_000
            let pipe = try TestPipe()
            let (run, reporter, made) = Self.start(
                server, count: count, strategy: strategy, keepOrder: keepOrder, into: pipe)
            let output = reporter.recordOutput
            async let finished = onOwnThread { try run.run(reporter: reporter) }
            // Nobody reads: the pipe fills (about a hundred records) and the writer blocks in
            // write(2). The workers do not: they finish every job queued when the input was
            // stopped at the bound — the queue holds 1,024 — and then wait for more.
            let settled = await eventually {
                output.isProducerWaiting && server.activeRequests == 0
                    && made.records.count == server.requestCount && made.records.count > 1_024
            }
            #expect(settled, "\(made.records.count) records, \(server.requestCount) requests")
            #expect(made.records.count < count, "the input waited for the reader")

            async let reader: Void = onOwnThread { pipe.readToEnd() }
            let summary = try await finished
            pipe.closeWriteEnd()
            try await reader
            pipe.closeReadEnd()
            let lines = pipe.lines
            #expect(lines.count == count)
            let indexes = Self.indexes(lines)
            #expect(keepOrder ? indexes == Array(0..<count) : indexes.sorted() == Array(0..<count))
            #expect(summary.records == count && summary.written == count && summary.outputError == nil)
            // Past the limit by at most one record per job taken before the input waited:
            // the queue's 1,024 and the four in flight.
            let longest = lines.map(\.utf8.count).max() ?? 0
            #expect(output.peakBacklog <= Self.limit + (1_024 + 4) * (longest + 1), "peak \(output.peakBacklog)")
        }
    }

    @Test(
        "a reader that leaves mid-run: the run stops, what it read is whole records, EPIPE",
        arguments: StrategyKind.allCases)
    func readerLeaves(strategy: StrategyKind) async throws {
        try await withServer { server in
            let count = 5_000
            let pipe = try TestPipe()
            let (run, reporter, _) = Self.start(server, count: count, strategy: strategy, into: pipe)
            async let reader: Void = onOwnThread { pipe.readLines(100) }
            let summary = try await onOwnThread { try run.run(reporter: reporter) }
            try await reader
            pipe.closeWriteEnd()
            #expect(summary.outputError == EPIPE && summary.outputClosed)
            #expect(
                summary.records < count && server.requestCount < count,
                "it stopped early: \(summary.line), \(summary.written) written, \(server.requestCount) requests")
            #expect(summary.written >= 100, "the pipe took at least what was read")
            #expect(summary.written < summary.records)
            let lines = pipe.lines
            #expect(lines.count == 100)
            #expect(Self.indexes(lines).count == 100, "every line read is a whole record")
        }
    }
}
