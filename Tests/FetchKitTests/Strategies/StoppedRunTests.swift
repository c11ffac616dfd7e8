import FetchKit
import FetchTestServer
import Foundation
import Testing

/// A run stopped half-way (a signal, or stdout refusing records) keeps the promise of one
/// record per line read, whichever strategy runs it.
@Suite("A stopped run")
struct StoppedRunTests {
    /// The records, from whichever thread emits them. An `NSLock`: ThreadSanitizer sees a
    /// pthread mutex order the appends, where it flagged a `Mutex`'s from several
    /// blocking workers at once.
    final class Collected: @unchecked Sendable {  // guarded: `records` by `lock`
        private let lock = NSLock()
        private var records: [FetchRecord] = []
        func add(_ record: FetchRecord) { lock.withLock { records.append(record) } }
        var all: [FetchRecord] { lock.withLock { records } }
    }

    @Test(
        "every job taken gets exactly one record; what was not read is counted",
        arguments: StrategyKind.allCases)
    func everyJobTakenHasOneRecord(strategy: StrategyKind) async throws {
        try await withServer { server in
            // Far more lines than the queue holds, each slow: most are queued or unread.
            let urls = Array(repeating: server.url("/delay/5000"), count: 3_000)
            var configuration = RunConfiguration()
            configuration.strategy = strategy
            configuration.concurrency = 4
            let progress = RunProgress(showBar: false)
            let run = FetchRun(configuration: configuration, sources: [.lines(urls)], progress: progress)
            let collected = Collected()
            let devNull = open("/dev/null", O_WRONLY)
            defer { close(devNull) }
            let reporter = Reporter(
                format: .jsonl, outputFD: devNull, progress: progress,
                observers: [{ record in collected.add(record) }])
            async let finished = onOwnThread { try run.run(reporter: reporter) }
            #expect(await eventually { server.activeRequests == 4 })
            run.interrupt(.terminate)
            let summary = try await finished
            let records = collected.all
            #expect(records.count == summary.records)
            #expect(records.map(\.index).sorted() == Array(0..<records.count))
            #expect(records.allSatisfy { $0.ok || $0.error == .cancelled })
            let neverStarted = records.filter { $0.attempts == 0 }
            #expect(neverStarted.count >= records.count - 4, "only the transfers in flight were attempted")
            #expect(summary.unread?.firstIndex == records.count)
            #expect(records.count + (summary.unread?.lines ?? 0) == 3_000)
            #expect(summary.exitStatus == 143)
            #expect(summary.line.hasSuffix(", terminated; \(3_000 - records.count) input lines not read"))
        }
    }
}
