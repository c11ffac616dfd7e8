import FetchTestServer
import Foundation
import Synchronization
import Testing

@testable import FetchKit

/// Durations from a library caller are any `Double`: the conversions to nanoseconds, to a
/// `Date` and to curl's milliseconds saturate instead of trapping, and a transfer backing
/// off for "ever" is still ended by a cancel.
@Suite("Durations: saturating conversions")
struct SaturatingDurationTests {
    static let extremes: [Double] = [
        .infinity, -.infinity, .nan, -0.0, 0, -1, 1e-9, 1e15, 1e16, 1e300, .greatestFiniteMagnitude,
        Double(Int.max), -Double(Int.max),
    ]

    @Test("seconds to nanoseconds: 0 for NaN and negative, `never` at the top, exact in between")
    func nanoseconds() {
        #expect(MonotonicClock.nanoseconds(.nan) == 0)
        #expect(MonotonicClock.nanoseconds(-1) == 0)
        #expect(MonotonicClock.nanoseconds(-.infinity) == 0)
        #expect(MonotonicClock.nanoseconds(0) == 0)
        #expect(MonotonicClock.nanoseconds(1.5) == 1_500_000_000)
        #expect(MonotonicClock.nanoseconds(1e-9) == 1)
        #expect(MonotonicClock.nanoseconds(1e9) == 1_000_000_000_000_000_000)
        for huge in [1e10, 1e15, 1e300, .infinity, .greatestFiniteMagnitude] {
            #expect(MonotonicClock.nanoseconds(huge) == MonotonicClock.never, "\(huge)")
        }
    }

    @Test("a deadline saturates at `never`, also from a late start", arguments: extremes)
    func deadline(seconds: Double) {
        let now = MonotonicClock.now()
        let deadline = MonotonicClock.deadline(after: seconds, from: now)
        #expect(deadline >= now || deadline == MonotonicClock.never)
        #expect(deadline <= MonotonicClock.never)
        #expect(MonotonicClock.deadline(after: seconds, from: .max) == MonotonicClock.never)
        if !(seconds > 0) { #expect(deadline == now) }
    }

    @Test("a wait's date: now for NaN and negative, at most the longest wait for inf and beyond", arguments: extremes)
    func waitDate(seconds: Double) {
        let now = Date()
        let date = RunCancellation.deadline(after: seconds, from: now)
        if !(seconds > 0) {
            #expect(date == now)
        } else if seconds >= RunCancellation.longestWait {
            #expect(date == now.addingTimeInterval(RunCancellation.longestWait))
        } else {
            #expect(date == now.addingTimeInterval(seconds))
        }
    }

    @Test("curl's milliseconds: 0 (no limit) for 0, negative, NaN, inf; at least 1; at most the maximum")
    func milliseconds() {
        for none in [0, -0.0, -1, .nan, .infinity, -.infinity] {
            #expect(RequestTemplate.milliseconds(none) == 0, "\(none)")
        }
        #expect(RequestTemplate.milliseconds(1e-9) == 1)
        #expect(RequestTemplate.milliseconds(0.0015) == 2)
        #expect(RequestTemplate.milliseconds(5) == 5_000)
        #expect(RequestTemplate.milliseconds(1e9) == RequestTemplate.maximumMilliseconds)
        for huge in [1e16, 1e300, .greatestFiniteMagnitude, Double(Int.max)] {
            #expect(RequestTemplate.milliseconds(huge) == RequestTemplate.maximumMilliseconds, "\(huge)")
        }
    }

    @Test(
        "limits of any size (0, huge, inf, NaN: no limit or the longest) fetch as usual",
        arguments: StrategyKind.allCases, [0, 1e9, 1e16, .infinity, .nan]
    )
    func limits(strategy: StrategyKind, seconds: Double) async throws {
        try await withServer { server in
            let (records, _) = try await FetchHarness.run([server.url("/bytes/10")], strategy: strategy) { options in
                options.maxTime = seconds
                options.connectTimeout = seconds
            }
            #expect(records.map(\.ok) == [true], "\(records)")
        }
    }

    private func backingOffForEver(_ delay: Double) -> FetchOptions {
        var options = FetchOptions()
        options.retries = 1
        options.retryDelay = delay
        // The longest wait a back-off may draw is the cap: as long as the delay, here.
        options.retryMaxDelay = delay
        return options
    }

    @Test("the engine: a back-off of any length is ended by a cancel", arguments: [1e15, 1e300, .infinity])
    func engineBackOff(delay: Double) async throws {
        try await withServer { server in
            let engine = try FetchEngine(options: backingOffForEver(delay), maxConnections: 1)
            defer { engine.shutdown() }
            let received = Locked<[FetchRecord]>([])
            let request = FetchRequest(
                job: FetchJob(index: 0, line: server.url("/status/503")), worker: 1, strategy: .callback,
                runStart: MonotonicClock.now(), takenAt: MonotonicClock.now())
            engine.fetch(request) { record in received.withLock { $0.append(record) } }
            #expect(await eventually { engine.transferCounts() == (0, 1) })
            engine.cancelAll()
            #expect(await eventually { received.withLock { $0.count } == 1 })
            let record = received.withLock { $0.first }
            #expect(record?.error == .cancelled && record?.attempts == 1, "\(String(describing: record))")
        }
    }

    @Test("a blocking worker: a back-off of any length is ended by a cancel", arguments: [1e15, 1e300, .infinity])
    func blockingBackOff(delay: Double) async throws {
        try await withServer { server in
            let worker = BlockingWorkerRun(
                urls: [server.url("/status/503")], plan: try TransferPlan(options: backingOffForEver(delay)))
            #expect(await eventually { worker.cancellation.threadsWaiting == 1 })
            worker.cancellation.cancel()
            #expect(await eventually { worker.finished })
            let record = worker.records.first
            #expect(record?.error == .cancelled && record?.attempts == 1, "\(String(describing: record))")
        }
    }
}
