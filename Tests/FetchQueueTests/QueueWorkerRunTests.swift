import FetchKit
import FetchQueue
import FetchTestServer
import Foundation
import RedisTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `QueueWorker` feeding a whole run in this process, every strategy: the reader and
/// settler threads next to the engine's, under ThreadSanitizer in CI. The end-to-end tests
/// drive the binary; these drive the seams (`JobProducer`, the written-records hook).
@Suite("Queue worker runs", .timeLimit(.minutes(2)))
struct QueueWorkerRunTests {
    /// Enqueues `urls` on `keys` (one batch per 500).
    private func enqueue(_ urls: [String], keys: QueueKeys, url: RedisURL) async throws {
        _ = try await withConnection(to: url) { connection in
            let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
            let lines = urls.map { EnqueueLine(line: $0, format: .url, dedupKey: $0) }
            return try enqueuer.add(
                batches: stride(from: 0, to: lines.count, by: 500).map {
                    Array(lines[$0..<min($0 + 500, lines.count)])
                })
        }
    }

    /// One worker's run to the end, its records written to /dev/null; the run's summary.
    private func runWorker(
        _ settings: QueueWorkerSettings, strategy: StrategyKind, concurrency: Int = 8
    ) async throws -> RunSummary {
        try await onOwnThread {
            let worker = try QueueWorker(settings: settings)
            var configuration = RunConfiguration()
            configuration.strategy = strategy
            configuration.concurrency = concurrency
            configuration.readAhead = concurrency
            let progress = RunProgress(showBar: false)
            let run = FetchRun(configuration: configuration, input: .producer(worker), progress: progress)
            let sink = open("/dev/null", O_WRONLY | O_CLOEXEC)
            defer { close(sink) }
            let reporter = Reporter(
                format: .jsonl, outputFD: sink, progress: progress, onOutputEnded: { run.stop() },
                onWritten: { worker.recordsWritten($0) })
            worker.attach(progress: progress, stopRun: { run.stop() })
            let summary = try run.run(reporter: reporter)
            #expect(worker.finish(within: .seconds(10)) == 0, "every written record settled")
            #expect(worker.failure == nil)
            return summary
        }
    }

    private func settings(_ url: RedisURL, _ keys: QueueKeys, consumer: String) -> QueueWorkerSettings {
        QueueWorkerSettings(
            url: url, keys: keys, consumer: consumer, claimIdle: .seconds(30), maxDeliveries: 3, follow: false)
    }

    @Test(
        "a worker of each strategy drains its queue: every entry settled once, none open",
        arguments: StrategyKind.allCases)
    func drains(strategy: StrategyKind) async throws {
        try await TestServer.withRunning { server in
            try await withRedisServer { redis in
                let keys = QueueKeys(name: "run-\(strategy.rawValue)")
                let urls = (0..<300).map { server.url("/bytes/\($0 % 7)?i=\($0)") } + ["not a url"]
                try await enqueue(urls, keys: keys, url: redis.url())
                let summary = try await runWorker(
                    settings(redis.url(), keys, consumer: "w"), strategy: strategy)
                #expect(summary.records == 301 && summary.ok == 300)
                try await withConnection(to: redis.url()) { connection in
                    #expect(try connection.openEntries(of: keys) == 0)
                    let results = try connection.resultRows(of: keys)
                    #expect(results.compactMap { Int($0.index) }.sorted() == Array(0..<301))
                    #expect(results.allSatisfy { $0.consumer == "w" })
                    #expect(results.allSatisfy { $0.record.contains(#""queue_id":"\#($0.queueID)""#) })
                    let bad = results.first { $0.index == "300" }?.record ?? ""
                    #expect(bad.contains(#""error":"invalid-url""#), "\(bad)")
                    #expect(try connection.counts(of: keys)["done"] == 301)
                }
            }
        }
    }

    @Test("written records are gathered into one script call each: a results entry holds the records of one call")
    func settlementsAreGathered() async throws {
        try await TestServer.withRunning { server in
            try await withRedisServer { redis in
                let keys = QueueKeys(name: "gathered")
                try await enqueue((0..<250).map { server.url("/bytes/3?i=\($0)") }, keys: keys, url: redis.url())
                // Gathering far longer than fetching 100 takes: the count ends it. The last
                // records wait out the time (the worker's entries are pending until they are
                // settled, so the queue is not drained before).
                var gathering = settings(redis.url(), keys, consumer: "w")
                gathering.settleGather = .seconds(3)
                gathering.settleGatherRecords = 100
                let summary = try await runWorker(gathering, strategy: .callback)
                #expect(summary.records == 250 && summary.ok == 250)
                try await withConnection(to: redis.url()) { connection in
                    let calls = try connection.entries(of: keys.results).map { Int($0.fields["count"] ?? "") ?? -1 }
                    #expect(calls.reduce(0, +) == 250)
                    #expect(
                        calls.dropLast().allSatisfy { $0 >= 100 }, "each call but the last waited for 100: \(calls)")
                    #expect(calls.count <= 3, "\(calls)")
                    #expect(try connection.openEntries(of: keys) == 0)
                }
            }
        }
    }

    @Test("two workers in one process share a queue: each entry settled by one of them")
    func twoWorkers() async throws {
        try await TestServer.withRunning { server in
            try await withRedisServer { redis in
                let keys = QueueKeys(name: "shared")
                try await enqueue((0..<600).map { server.url("/bytes/3?i=\($0)") }, keys: keys, url: redis.url())
                async let first = runWorker(settings(redis.url(), keys, consumer: "a"), strategy: .callback)
                async let second = runWorker(settings(redis.url(), keys, consumer: "b"), strategy: .green)
                let (a, b) = try await (first, second)
                #expect(a.records + b.records == 600)
                try await withConnection(to: redis.url()) { connection in
                    let results = try connection.resultRows(of: keys)
                    #expect(results.count == 600)
                    #expect(Set(results.map(\.index)).count == 600)
                }
            }
        }
    }

    @Test("a worker started under the name of one that read entries and never saw them takes them back at once")
    func takesBackItsOwnPending() async throws {
        try await TestServer.withRunning { server in
            try await withRedisServer { redis in
                let keys = QueueKeys(name: "own")
                try await enqueue((0..<40).map { server.url("/bytes/3?i=\($0)") }, keys: keys, url: redis.url())
                // 15 entries read under "w" whose reply nobody used: a lost reply, or a worker
                // that died and starts again under the same name. --claim-idle (30 s) would
                // outlast the test's time limit.
                _ = try await withConnection(to: redis.url()) { connection in
                    try StreamConsumer(connection: connection, keys: keys, consumer: "w").readNew(
                        count: 15, block: .zero)
                }
                let started = ContinuousClock.now
                let summary = try await runWorker(settings(redis.url(), keys, consumer: "w"), strategy: .callback)
                #expect(ContinuousClock.now - started < .seconds(20))
                #expect(summary.records == 40 && summary.ok == 40)
                try await withConnection(to: redis.url()) { connection in
                    #expect(try connection.openEntries(of: keys) == 0)
                    let results = try connection.resultRows(of: keys)
                    #expect(results.compactMap { Int($0.index) }.sorted() == Array(0..<40))
                    // Taken back as delivered once: looking did not count a delivery.
                    #expect(results.allSatisfy { !$0.record.contains(#""error":"poisoned""#) })
                }
            }
        }
    }
}
