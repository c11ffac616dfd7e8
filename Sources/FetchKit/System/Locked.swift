#if canImport(Glibc)
import Glibc
#endif

/// A value only reached under a pthread mutex: what cfetch uses where the standard
/// library's `Mutex` would do, because ThreadSanitizer sees this one. On Linux `Mutex`
/// waits in the kernel (a priority-inheritance futex) when contended, and TSan, which
/// cannot see that hand-over, reported the state it guards as raced whenever two threads
/// met on it (a test's record collector, a blocking worker's `SocketRegistry`). pthread
/// mutexes are what TSan models.
package final class Locked<Value>: @unchecked Sendable {  // guarded: `value` only inside `withLock`, under `mutex`
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    /// Runs `body` with the value, the mutex held.
    @inline(__always)
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
}
