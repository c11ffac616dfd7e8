import Foundation
import Testing

@testable import FetchKit

/// `Condition`, `Lock` and `startThread`: the pthread primitives cfetch uses in place of
/// Foundation's `NSCondition`, `NSLock` and `Thread`.
@Suite("Threads, locks and conditions")
struct ConditionTests {
    @Test("a wait until a deadline already passed returns false at once")
    func pastDeadline() {
        let condition = Condition()
        condition.lock()
        defer { condition.unlock() }
        #expect(!condition.wait(until: Date().addingTimeInterval(-1)))
        #expect(!condition.wait(until: Date(timeIntervalSince1970: 0.5)))
    }

    @Test(
        "a signal from another thread ends a wait before its deadline, on either clock",
        arguments: [false, true])
    func signalled(monotonic: Bool) {
        let gate = Gate()
        // Signalled under the lock after the flag is set: the waiter cannot miss it.
        startThread(name: "cfetch-test-signal") {
            gate.condition.lock()
            gate.released = true
            gate.condition.signal()
            gate.condition.unlock()
        }
        // A minute ahead, on the wall clock (`wait(until:)`) or the monotonic one.
        let wallDeadline = Date().addingTimeInterval(60)
        let monotonicDeadline = MonotonicClock.now() + 60_000_000_000
        func wait() -> Bool {
            monotonic
                ? gate.condition.wait(untilMonotonic: monotonicDeadline) : gate.condition.wait(until: wallDeadline)
        }
        gate.condition.lock()
        var timedOut = false
        while !gate.released && !timedOut { timedOut = !wait() }
        let released = gate.released
        gate.condition.unlock()
        #expect(released)
        #expect(!timedOut)
    }

    @Test("a wait on the monotonic clock: a deadline passed returns false at once, one ahead waits for it")
    func monotonicDeadline() {
        let condition = Condition()
        condition.lock()
        defer { condition.unlock() }
        #expect(!condition.wait(untilMonotonic: 0))
        #expect(!condition.wait(untilMonotonic: MonotonicClock.now()))
        let start = MonotonicClock.now()
        let deadline = start + 20_000_000
        var timedOut = false
        while !timedOut { timedOut = !condition.wait(untilMonotonic: deadline) }
        #expect(MonotonicClock.now() >= deadline, "returned before its deadline")
    }

    /// What the tests' threads wait on.
    private final class Gate: @unchecked Sendable {  // guarded: both vars by `condition`
        let condition = Condition()
        var waiting = 0
        var released = false
    }

    @Test("a broadcast wakes every waiter")
    func broadcast() {
        let gate = Gate()
        let woken = Locked(0)
        let finished = DispatchSemaphore(value: 0)
        for number in 0..<4 {
            startThread(name: "cfetch-test-\(number)") {
                gate.condition.lock()
                gate.waiting += 1
                gate.condition.broadcast()
                while !gate.released { gate.condition.wait() }
                gate.condition.unlock()
                woken.withLock { $0 += 1 }
                finished.signal()
            }
        }
        gate.condition.lock()
        while gate.waiting < 4 { gate.condition.wait() }
        gate.released = true
        gate.condition.broadcast()
        gate.condition.unlock()
        for _ in 0..<4 { #expect(finished.wait(timeout: .now() + 60) == .success) }
        #expect(woken.withLock { $0 } == 4)
    }

    @Test("a lock keeps a count whole across threads")
    func lockCounts() {
        let lock = Lock()
        let count = Locked(0)
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var total = 0
        for number in 0..<4 {
            startThread(name: "cfetch-test-\(number)") {
                for _ in 0..<10_000 { lock.withLock { total += 1 } }
                count.withLock { $0 += 1 }
                finished.signal()
            }
        }
        for _ in 0..<4 { #expect(finished.wait(timeout: .now() + 60) == .success) }
        #expect(lock.withLock { total } == 40_000)
        #expect(count.withLock { $0 } == 4)
    }

    @Test("a thread is named as asked: its first 15 bytes, all Linux keeps")
    func threadName() {
        let seen = Locked<String?>(nil)
        let finished = DispatchSemaphore(value: 0)
        startThread(name: "cfetch-test-a-long-name") {
            let name = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
            seen.withLock { $0 = name }
            finished.signal()
        }
        #expect(finished.wait(timeout: .now() + 60) == .success)
        #expect(seen.withLock { $0 } == "cfetch-test-a-l\n")
    }
}
