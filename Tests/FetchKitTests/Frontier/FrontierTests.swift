import Foundation
import Testing

@testable import FetchKit

/// The frontier's rules, checked without a network: jobs go in through a real work queue,
/// workers take them as the loop strategies do (a handler, called at once or later) or as
/// blocking threads do, and the test plays the transfers' ends.
@Suite("Frontier")
struct FrontierTests {
    /// Timers the frontier asked for; the test fires them.
    final class ManualTimer: FrontierTimer, Sendable {
        private let pending = Locked<[(deadline: UInt64, action: @Sendable () -> Void)]>([])
        func wake(at deadline: UInt64, _ action: @escaping @Sendable () -> Void) {
            pending.withLock { $0.append((deadline, action)) }
        }
        var deadlines: [UInt64] { pending.withLock { $0.map(\.deadline) } }
        func fireAll() {
            let due = pending.withLock { pending in
                defer { pending.removeAll() }
                return pending
            }
            for timer in due { timer.action() }
        }
    }

    /// What the handlers given to `take(_:)` received, in order.
    final class Taken: Sendable {
        private let jobs = Locked<[FetchJob?]>([])
        func add(_ job: FetchJob?) { jobs.withLock { $0.append(job) } }
        var all: [FetchJob?] { jobs.withLock { $0 } }
        var urls: [String?] { all.map { $0?.url } }
    }

    private static func frontier(
        _ urls: [String], capacity: Int = 256, queueCapacity: Int = 1024, close: Bool = true,
        _ configure: (inout Politeness) -> Void
    ) -> (Frontier, WorkQueue) {
        var politeness = Politeness()
        configure(&politeness)
        let queue = WorkQueue(capacity: queueCapacity)
        for (index, url) in urls.enumerated() { queue.push(FetchJob(index: index, line: url)) }
        if close { queue.close() }
        let frontier = Frontier(
            queue: queue, politeness: politeness, capacity: capacity, longestPause: 60, robots: nil)
        return (frontier, queue)
    }

    private static func record(for job: FetchJob?) -> FetchRecord {
        FetchRecord(
            index: job?.index ?? -1, url: job?.url ?? "", ok: true, status: 200, bytes: 0, worker: 1,
            strategy: .callback, attempts: 1, queued: 0, start: 0, elapsed: 0, phases: PhaseTimes(),
            httpVersion: nil, contentType: nil, effectiveURL: nil, error: nil, message: nil)
    }

    private static func takeAll(_ frontier: Frontier, times: Int, into taken: Taken) {
        for _ in 0..<times { frontier.take { taken.add($0) } }
    }

    @Test("--per-host 2: a third job of a host waits for a slot; other hosts go on; a finished job frees one")
    func perHostSlots() {
        let (frontier, _) = Self.frontier(
            ["http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1"]
        ) { $0.perHost = 2 }
        let taken = Taken()
        Self.takeAll(frontier, times: 4, into: taken)
        #expect(taken.urls == ["http://a.test/1", "http://a.test/2", "http://b.test/1"])
        #expect(frontier.heldCount == 1)
        frontier.finished(Self.record(for: taken.all[0]))
        #expect(taken.urls.last == "http://a.test/3")
        // Nothing left: the next taker hears the end.
        frontier.take { taken.add($0) }
        #expect(taken.all.count == 5 && taken.all.last! == nil)
    }

    @Test("a host counts scheme, host and port: http and https, or another port, are other hosts")
    func hostIdentity() {
        let (frontier, _) = Self.frontier(
            ["http://a.test/1", "https://a.test/1", "http://a.test:8080/1", "http://A.TEST:80/2"]
        ) { $0.perHost = 1 }
        let taken = Taken()
        Self.takeAll(frontier, times: 4, into: taken)
        #expect(taken.urls == ["http://a.test/1", "https://a.test/1", "http://a.test:8080/1"])
    }

    @Test("lines that are not URLs come out at once, whatever the limits")
    func invalidLinesPassStraightThrough() {
        let (frontier, _) = Self.frontier(["http://a.test/1", "http://a.test/2", "not a url", "ftp://x/"]) {
            $0.perHost = 1
        }
        let taken = Taken()
        Self.takeAll(frontier, times: 3, into: taken)
        #expect(taken.urls == ["http://a.test/1", "not a url", "ftp://x/"])
        #expect(taken.all[1]?.problem?.errorClass == .invalidURL)
    }

    @Test("memory is bounded: full of one saturated host's jobs, the frontier stops pulling from the queue")
    func boundedHolding() {
        let urls = (0..<100).map { "http://a.test/\($0)" }
        let (frontier, _) = Self.frontier(urls, capacity: 8) { $0.perHost = 1 }
        let taken = Taken()
        Self.takeAll(frontier, times: 3, into: taken)
        #expect(taken.all.count == 1)
        #expect(frontier.heldCount == 8)
        // A thousand jobs later it still holds no more.
        for _ in 0..<50 {
            frontier.finished(Self.record(for: taken.all.last!))
            frontier.take { taken.add($0) }
        }
        #expect(frontier.heldCount <= 8)
    }

    @Test("a job held for a saturated host does not hold back the queue's other hosts while there is room")
    func noHeadOfLineBlocking() {
        var urls = (0..<20).map { "http://slow.test/\($0)" }
        urls += (0..<20).map { "http://fast\($0).test/" }
        let (frontier, _) = Self.frontier(urls, capacity: 64) { $0.perHost = 1 }
        let taken = Taken()
        Self.takeAll(frontier, times: 21, into: taken)
        #expect(taken.all.count == 21)
        #expect(taken.urls.filter { $0?.hasPrefix("http://fast") == true }.count == 20)
        #expect(taken.all.compactMap { $0 }.allSatisfy { $0.hostWait >= 0 })
    }

    @Test("--host-rate: the host's next start waits for its token, on the timer; other hosts do not")
    func hostRateToken() async throws {
        let (frontier, _) = Self.frontier(["http://a.test/1", "http://a.test/2", "http://b.test/1"]) {
            $0.hostRate = RequestRate(requests: 5, period: 1)
        }
        let timer = ManualTimer()
        frontier.useTimer(timer)
        let taken = Taken()
        let start = MonotonicClock.now()
        Self.takeAll(frontier, times: 3, into: taken)
        #expect(taken.urls == ["http://a.test/1", "http://b.test/1"])
        let deadline = try #require(timer.deadlines.first)
        #expect(MonotonicClock.seconds(from: start, to: deadline) >= 0.19)
        // Fired early, the timer finds nothing due; at its time, the job goes.
        timer.fireAll()
        #expect(taken.all.count == 2)
        try await Task.sleep(for: .milliseconds(250))
        timer.fireAll()
        #expect(taken.urls.last == "http://a.test/2")
        #expect((taken.all.last??.hostWait ?? 0) >= 0.19)
    }

    @Test("a blocking taker waits for the host's token on the condition, with the deadline")
    func blockingTakeWaitsForToken() {
        let (frontier, _) = Self.frontier(["http://a.test/1", "http://a.test/2"]) {
            $0.hostRate = RequestRate(requests: 10, period: 1)
        }
        let start = MonotonicClock.now()
        #expect(frontier.take()?.url == "http://a.test/1")
        #expect(frontier.take()?.url == "http://a.test/2")
        #expect(MonotonicClock.seconds(from: start, to: MonotonicClock.now()) >= 0.095)
        #expect(frontier.take() == nil)
    }

    @Test("--rate holds every host to the run's tokens")
    func globalRate() {
        let (frontier, _) = Self.frontier(["http://a.test/", "http://b.test/", "http://c.test/"]) {
            $0.rate = RequestRate(requests: 20, period: 1)
        }
        let start = MonotonicClock.now()
        while frontier.take() != nil {}
        #expect(MonotonicClock.seconds(from: start, to: MonotonicClock.now()) >= 0.095)
    }

    @Test("a 429 with Retry-After pauses its host, not the others; a retry is booked after the pause")
    func retryAfterPausesTheHost() {
        let (frontier, _) = Self.frontier(["http://a.test/1", "http://a.test/2", "http://b.test/1"]) {
            $0.perHost = 0
            $0.robots = false
        }
        // --retry alone makes a frontier with no limits: everything may start.
        let first = frontier.take()
        let job = try! #require(first)
        frontier.attemptEnded(
            job, AttemptOutcome(status: 429, retryAfter: 2, pushedBack: true, ok: false, startedAt: 0))
        let taken = Taken()
        Self.takeAll(frontier, times: 2, into: taken)
        #expect(taken.urls == ["http://b.test/1"])
        let wait = frontier.bookRetry(job, after: 0.1)
        #expect(wait > 1.9 && wait <= 2.0, "\(wait)")
        #expect(frontier.throttledHosts().map(\.host) == ["a.test:80"])
        #expect(frontier.throttledHosts().first?.pauses == 1)
    }

    @Test("a cancel hands out every held job marked cancelled, whatever its host's limits, then the end")
    func cancelReleasesEverything() {
        let (frontier, _) = Self.frontier((0..<5).map { "http://a.test/\($0)" }) { $0.perHost = 1 }
        let taken = Taken()
        Self.takeAll(frontier, times: 2, into: taken)
        #expect(taken.all.count == 1)
        frontier.cancel()
        Self.takeAll(frontier, times: 5, into: taken)
        let cancelled = taken.all.dropFirst().compactMap { $0 }
        #expect(cancelled.count == 4)
        #expect(cancelled.allSatisfy { $0.problem?.errorClass == .cancelled })
        #expect(taken.all.last! == nil)
    }

    @Test("the end is heard once the queue is closed and every held job has gone; drained handlers run once")
    func drainedOnce() {
        let (frontier, queue) = Self.frontier(["http://a.test/1"], close: false) { $0.perHost = 1 }
        let drained = Locked(0)
        frontier.whenDrained { drained.withLock { $0 += 1 } }
        let taken = Taken()
        Self.takeAll(frontier, times: 2, into: taken)
        #expect(taken.all.count == 1 && drained.withLock { $0 } == 0)
        // A job pushed later reaches the waiting handler; closing then ends it.
        queue.push(FetchJob(index: 1, line: "http://b.test/1"))
        #expect(taken.urls.last == "http://b.test/1")
        frontier.take { taken.add($0) }
        queue.close()
        #expect(taken.all.count == 3 && taken.all.last! == nil)
        #expect(drained.withLock { $0 } == 1)
        frontier.whenDrained { drained.withLock { $0 += 1 } }
        #expect(drained.withLock { $0 } == 2)
    }

    @Test("the summary names a throttled host with what happened to it")
    func throttledHostText() {
        #expect(
            ThrottledHost(host: "a.test:443", pushBacks: 12, pauses: 2, halvings: 3, finalLimit: 2).summary
                == "a.test:443 (12× 429/503, paused 2×, halved 3×, ended at 2 in flight)")
        #expect(
            ThrottledHost(host: "b.test:80", pushBacks: 1, pauses: 0, finalLimit: nil).summary
                == "b.test:80 (1× 429/503)")
        var summary = RunSummary()
        summary.throttled = (0..<5).map { ThrottledHost(host: "h\($0):80", pushBacks: 1, pauses: 0, finalLimit: nil) }
        #expect(
            summary.line.hasSuffix(
                "; throttled by 5 hosts: h0:80 (1× 429/503), h1:80 (1× 429/503), h2:80 (1× 429/503), and 2 more"))
    }
}
