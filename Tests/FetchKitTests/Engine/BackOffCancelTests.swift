import FetchTestServer
import Foundation
import Synchronization
import Testing

@testable import FetchKit

/// A cancel reaching a transfer while it waits out a retry back-off: one `cancelled`
/// record at once, and no further attempt — for the engine's timers and for a blocking
/// worker's wait alike (the one lifecycle both drive).
@Suite("Cancelling during a retry back-off")
struct BackOffCancelTests {
    /// Records as they arrive, from whichever thread.
    final class Collected: Sendable {
        private let records = Locked<[FetchRecord]>([])
        func add(_ record: FetchRecord) { records.withLock { $0.append(record) } }
        var all: [FetchRecord] { records.withLock { $0 } }
    }

    /// Retries after ten minutes at the earliest — the server's `Retry-After` is the floor
    /// under the jittered back-off —: a test that waited one out would time out instead.
    private var slowRetries: FetchOptions {
        var options = FetchOptions()
        options.retries = 3
        options.retryMaxDelay = 3600
        return options
    }

    /// Answers 503 with `Retry-After: 600`.
    private static let unavailable = "/retry-after/503/600"

    private func request(_ url: String, index: Int = 0) -> FetchRequest {
        FetchRequest(
            job: FetchJob(index: index, line: url), worker: 1, strategy: .callback, runStart: MonotonicClock.now(),
            takenAt: MonotonicClock.now())
    }

    private func expectCancelledAfterOneAttempt(_ record: FetchRecord?) {
        #expect(record?.error == .cancelled, "\(String(describing: record))")
        #expect(record?.attempts == 1)
        #expect(record?.ok == false)
    }

    @Test("the engine: cancelling its token ends the back-off with a cancelled record")
    func engineToken() async throws {
        try await withServer { server in
            let engine = try FetchEngine(options: slowRetries, maxConnections: 2)
            defer { engine.shutdown() }
            let collected = Collected()
            let token = CancelToken()
            engine.fetch(request(server.url(Self.unavailable)), cancelToken: token) { collected.add($0) }
            #expect(await eventually { engine.transferCounts() == (0, 1) })
            engine.cancel(token)
            #expect(await eventually { collected.all.count == 1 })
            expectCancelledAfterOneAttempt(collected.all.first)
            #expect(engine.transferCounts() == (0, 0))
            #expect(server.requestCount == 1)
        }
    }

    @Test("the engine: cancelAll ends every back-off and every transfer in flight")
    func engineCancelAll() async throws {
        try await withServer { server in
            let engine = try FetchEngine(options: slowRetries, maxConnections: 4)
            defer { engine.shutdown() }
            let collected = Collected()
            engine.fetch(request(server.url(Self.unavailable), index: 0)) { collected.add($0) }
            engine.fetch(request(server.url("/status/429"), index: 1)) { collected.add($0) }
            engine.fetch(request(server.url("/delay/60000"), index: 2)) { collected.add($0) }
            #expect(await eventually { engine.transferCounts() == (1, 2) })
            // The one in flight has reached the server (else it could be cancelled before).
            try await server.waitForActiveRequests(1, timeout: .seconds(10))
            engine.cancelAll()
            #expect(await eventually { collected.all.count == 3 })
            let records = collected.all.sorted { $0.index < $1.index }
            expectCancelledAfterOneAttempt(records.first)
            expectCancelledAfterOneAttempt(records.dropFirst().first)
            expectCancelledAfterOneAttempt(records.last)
            #expect(records.map(\.status) == [503, 429, nil])
            // Later requests are refused as cancelled, without an attempt.
            engine.fetch(request(server.url("/bytes/1"), index: 3)) { collected.add($0) }
            #expect(await eventually { collected.all.count == 4 })
            #expect(collected.all.last?.error == .cancelled && collected.all.last?.attempts == 0)
            #expect(server.requestCount == 3)
        }
    }

    @Test("a blocking worker: the run's cancel wakes it from its back-off at once")
    func blockingWorker() async throws {
        try await withServer { server in
            let worker = BlockingWorkerRun(
                urls: [server.url(Self.unavailable)], plan: try TransferPlan(options: slowRetries))
            #expect(await eventually { worker.cancellation.threadsWaiting == 1 })
            worker.cancellation.cancel()
            #expect(await eventually { worker.finished })
            #expect(worker.records.count == 1)
            expectCancelledAfterOneAttempt(worker.records.first)
            #expect(worker.records.first?.status == 503)
            #expect(server.requestCount == 1)
        }
    }
}
