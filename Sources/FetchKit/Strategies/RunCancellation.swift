import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The run's stop signal (Ctrl-C, a closed output): set once, from any thread; strategies
/// register how to stop what they have in flight, and blocking workers wait out their
/// back-offs on it.
public final class RunCancellation: Sendable {
    private struct State {
        var cancelled = false
        var handlers: [@Sendable () -> Void] = []
    }

    private let state = Locked(State())
    /// Read without the lock: blocking workers ask from curl's progress callback, often.
    private let cancelledFlag = Atomic<Bool>(false)
    /// Wakes threads in `wait(seconds:)` when the run is cancelled.
    private let wakeUp = Condition()
    private let waiting = Atomic<Int>(0)

    public init() {}

    public var isCancelled: Bool { cancelledFlag.load(ordering: .acquiring) }

    /// Runs `handler` once on cancellation (at once if already cancelled).
    public func onCancel(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state in
            if !state.cancelled { state.handlers.append(handler) }
            return state.cancelled
        }
        if runNow { handler() }
    }

    /// Cancels; returns false if it was already cancelled.
    @discardableResult
    public func cancel() -> Bool {
        let handlers: [@Sendable () -> Void]? = state.withLock { state in
            guard !state.cancelled else { return nil }
            state.cancelled = true
            cancelledFlag.store(true, ordering: .releasing)
            defer { state.handlers.removeAll() }
            return state.handlers
        }
        guard let handlers else { return false }
        // Taking the lock orders this after any waiter's check of the flag: none misses it.
        wakeUp.lock()
        wakeUp.broadcast()
        wakeUp.unlock()
        for handler in handlers { handler() }
        return true
    }

    /// Blocks the calling thread for `seconds`, or until the run is cancelled if that is
    /// sooner; true when the whole time passed uncancelled. A blocking worker's back-off.
    /// NaN and negative times do not wait; infinite or absurdly long ones wait until the
    /// run is cancelled (or `longestWait` has passed).
    public func wait(seconds: Double) -> Bool {
        let deadline = Self.deadline(after: seconds)
        waiting.add(1, ordering: .relaxed)
        defer { waiting.subtract(1, ordering: .relaxed) }
        wakeUp.lock()
        defer { wakeUp.unlock() }
        while !isCancelled && wakeUp.wait(until: deadline) {}
        return !isCancelled
    }

    /// The longest single wait, about 31 years: "until cancelled" for any run.
    /// `Condition.wait(until:)` traps on a date it cannot hold in whole seconds since 1970
    /// (an infinite one), and `NSCondition` did on `Date.distantFuture`: no wait reaches that far.
    static let longestWait: TimeInterval = 1_000_000_000

    /// The date `seconds` after `now`, saturating: `now` for NaN and negative times, at
    /// most `longestWait` after it (for `inf` and 1e300 too).
    static func deadline(after seconds: Double, from now: Date = Date()) -> Date {
        guard seconds > 0 else { return now }
        return now.addingTimeInterval(min(seconds, longestWait))
    }

    /// Threads in `wait(seconds:)` now (tests and diagnostics).
    var threadsWaiting: Int { waiting.load(ordering: .relaxed) }
}
