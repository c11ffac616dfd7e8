import FetchTestServer
import Foundation
import Synchronization
import Testing

@testable import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// The loop on its own thread with a scripted driver; everything the driver sees goes to
/// a log the test reads from its own thread.
@Suite("Poll loop, over each poller")
struct PollLoopTests {
    /// What happened on the loop, in order.
    final class Log: Sendable {
        enum Event: Equatable, Sendable {
            case ready(fd: Int32)
            /// The driver stopped watching a descriptor and watched its number anew.
            case reregistered(fd: Int32)
            case deadline
            case turnEnded
        }

        private let events = Locked<[Event]>([])
        func add(_ event: Event) { events.withLock { $0.append(event) } }
        var all: [Event] { events.withLock { $0 } }
        func count(_ event: Event) -> Int { all.count { $0 == event } }
    }

    /// A driver whose deadline, and whose reaction to a ready descriptor, the test sets.
    final class ScriptedDriver: LoopDriver {
        let log: Log
        var deadline: UInt64?
        var onReady: (Int32) -> Void = { _ in }

        init(log: Log, deadline: UInt64? = nil) {
            self.log = log
            self.deadline = deadline
        }

        var driverDeadline: UInt64? { deadline }
        var hasPendingResults: Bool { false }
        func socketReady(fd: Int32, revents: Int16) {
            log.add(.ready(fd: fd))
            onReady(fd)
        }
        func deadlineReached() {
            deadline = nil
            log.add(.deadline)
        }
        func turnEnded() { log.add(.turnEnded) }
        func loopWillExit() {}
    }

    /// Runs `loop` with `driver` on a thread of its own until `body` returns.
    private func running(
        _ loop: PollLoop, _ driver: sending ScriptedDriver, _ body: () async throws -> Void
    ) async throws {
        let bound = LoopBound(handingOver: driver, to: loop)
        let exited = DispatchSemaphore(value: 0)
        Thread {
            loop.run(driver: bound)
            exited.signal()
        }.start()
        defer {
            loop.stop()
            exited.wait()
        }
        try await body()
    }

    @Test("curl's timer values: 0 is due at once, -1 is no deadline, N is N ms from now")
    func curlTimerValues() throws {
        let multi = try MultiHandle(maxConnections: 1)
        let before = MonotonicClock.now()
        multi.record(timeoutMilliseconds: 0)
        #expect(try #require(multi.deadline) <= MonotonicClock.now())
        multi.record(timeoutMilliseconds: 250)
        let deadline = try #require(multi.deadline)
        #expect(deadline >= before + 250_000_000 && deadline <= MonotonicClock.now() + 250_000_000)
        multi.record(timeoutMilliseconds: -1)
        #expect(multi.deadline == nil)
    }

    @Test("a deadline that is due now is acted on in the next turn, once", arguments: PollerKind.allCases)
    func dueDeadline(poller: PollerKind) async throws {
        let log = Log()
        let loop = try PollLoop(poller: poller)
        try await running(loop, ScriptedDriver(log: log, deadline: MonotonicClock.now())) {
            #expect(await eventually { log.count(.deadline) == 1 })
            // Woken again from outside: the deadline, now gone, does not fire again.
            let woken = DispatchSemaphore(value: 0)
            loop.execute { woken.signal() }
            woken.wait()
            #expect(log.count(.deadline) == 1)
        }
    }

    @Test("with no deadline and nothing to do the loop sleeps until work is posted", arguments: PollerKind.allCases)
    func sleepsUntilWoken(poller: PollerKind) async throws {
        let log = Log()
        let loop = try PollLoop(poller: poller)
        try await running(loop, ScriptedDriver(log: log)) {
            let started = DispatchSemaphore(value: 0)
            loop.execute { started.signal() }
            started.wait()
            let turnsBefore = log.count(.turnEnded)
            // Idle for a while: a loop that spun would end thousands of turns here. (A few
            // are allowed: a loaded machine can deliver the wake-up of the posted work late.)
            try await Task.sleep(for: .milliseconds(200))
            #expect(log.count(.turnEnded) - turnsBefore <= 10)
            // Work posted from this thread wakes it at once (bounded here, not timed).
            let ran = Atomic<Bool>(false)
            loop.execute { ran.store(true, ordering: .relaxed) }
            #expect(await eventually { ran.load(ordering: .relaxed) })
        }
    }

    @Test("its own timers run when due; a cancelled one never does", arguments: PollerKind.allCases)
    func loopTimers(poller: PollerKind) async throws {
        let log = Log()
        let loop = try PollLoop(poller: poller)
        let ran = Locked<[String]>([])
        try await running(loop, ScriptedDriver(log: log)) {
            loop.execute {
                let now = MonotonicClock.now()
                loop.schedule(at: now + 30_000_000) { ran.withLock { $0.append("later") } }
                let cancelled = loop.schedule(at: now + 10_000_000) { ran.withLock { $0.append("cancelled") } }
                loop.schedule(at: now) { ran.withLock { $0.append("now") } }
                loop.cancelTimer(cancelled)
            }
            #expect(await eventually { ran.withLock { $0.count } == 2 })
            // Past the cancelled timer's deadline too: it stays silent.
            let settled = DispatchSemaphore(value: 0)
            loop.execute { loop.schedule(at: MonotonicClock.now() + 20_000_000) { settled.signal() } }
            settled.wait()
            #expect(ran.withLock { $0 } == ["now", "later"])
        }
    }

    @Test(
        "a descriptor closed and its number reused within a turn gets no stale readiness",
        arguments: PollerKind.allCases)
    func descriptorReuseWithinATurn(poller: PollerKind) async throws {
        let log = Log()
        let loop = try PollLoop(poller: poller)
        // Two pipes with a byte each: both read ends are readable on every turn.
        var first: [Int32] = [0, 0]
        var second: [Int32] = [0, 0]
        #expect(pipe(&first) == 0 && pipe(&second) == 0)
        defer { for fd in first + second { close(fd) } }
        for fd in [first[1], second[1]] { _ = write(fd, "x", 1) }
        let watched = [first[0], second[0]]
        let driver = ScriptedDriver(log: log)
        // On the first event of every other turn (one event, then two, then one…),
        // handling one descriptor "closes" the other and opens a new socket with its
        // number: what poll(2) said about the old one must not reach the new one.
        var handled = 0
        driver.onReady = { [unowned loop] fd in
            handled += 1
            guard handled % 3 == 1 else { return }
            let other = fd == watched[0] ? watched[1] : watched[0]
            loop.setInterest(fd: other, events: 0)
            loop.setInterest(fd: other, events: Int16(POLLIN))
            log.add(.reregistered(fd: other))
        }
        try await running(loop, driver) {
            loop.execute { for fd in watched { loop.setInterest(fd: fd, events: Int16(POLLIN)) } }
            #expect(await eventually { log.count(.turnEnded) > 60 })
        }
        var renewedThisTurn: Set<Int32> = []
        var renewals = 0
        var turnsWithBoth = 0
        var readyThisTurn: Set<Int32> = []
        for event in log.all {
            switch event {
            case .reregistered(let fd):
                renewedThisTurn.insert(fd)
                renewals += 1
            case .ready(let fd):
                #expect(!renewedThisTurn.contains(fd), "stale readiness delivered to a new registration of \(fd)")
                readyThisTurn.insert(fd)
            case .turnEnded:
                if readyThisTurn.count == 2 { turnsWithBoth += 1 }
                renewedThisTurn = []
                readyThisTurn = []
            case .deadline: break
            }
        }
        // Both cases happened many times; a new registration is polled from the next turn.
        #expect(renewals > 10 && turnsWithBoth > 10)
        #expect(log.count(.ready(fd: watched[0])) > 0 && log.count(.ready(fd: watched[1])) > 0)
    }
}
