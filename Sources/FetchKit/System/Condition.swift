import CLinuxSystem

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A pthread mutex with its condition variable: what `NSCondition` is, without linking
/// all of Foundation for it (which alone adds about 5 MB to the binary's resident start).
/// The same calls: `lock`, `unlock`, `wait`, `wait(until:)`, `signal`, `broadcast` (and
/// `wait(untilMonotonic:)`, which `NSCondition` lacks); a
/// waiter holds the lock, and re-checks what it waits for when it wakes (wake-ups may be
/// spurious). ThreadSanitizer models both primitives.
package final class Condition: @unchecked Sendable {  // guarded: the pthread objects are their own guard
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    package func lock() { pthread_mutex_lock(mutex) }

    package func unlock() { pthread_mutex_unlock(mutex) }

    /// Runs `body` with the lock held (not for waiting: `wait` needs the lock taken by hand).
    package func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Releases the lock until signalled (or woken spuriously), then takes it again.
    package func wait() { pthread_cond_wait(condition, mutex) }

    /// `wait()`, but no later than `deadline` (the wall clock, as `NSCondition`'s):
    /// false once it has passed.
    package func wait(until deadline: Date) -> Bool {
        let seconds = deadline.timeIntervalSince1970.rounded(.down)
        var time = timespec(
            tv_sec: Int(seconds),
            tv_nsec: Int((deadline.timeIntervalSince1970 - seconds) * 1_000_000_000))
        return pthread_cond_timedwait(condition, mutex, &time) == 0
    }

    /// `wait()`, but no later than `deadline` on `MonotonicClock` (nanoseconds), so a step
    /// of the wall clock neither stretches the wait nor cuts it short: false once it has
    /// passed.
    package func wait(untilMonotonic deadline: UInt64) -> Bool {
        var time = timespec(
            tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        return pthread_cond_clockwait(condition, mutex, CLOCK_MONOTONIC, &time) == 0
    }

    package func signal() { pthread_cond_signal(condition) }

    package func broadcast() { pthread_cond_broadcast(condition) }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
}
