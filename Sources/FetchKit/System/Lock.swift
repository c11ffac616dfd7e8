#if canImport(Glibc)
import Glibc
#endif

/// A bare pthread mutex with `NSLock`'s calls (`lock`, `unlock`, `withLock`), for state
/// that a class guards field by field rather than as one `Locked` value. Not `NSLock`,
/// which links all of Foundation; not the standard library's `Mutex`, which ThreadSanitizer
/// cannot see through (see `Locked`).
package final class Lock: @unchecked Sendable {  // guarded: the pthread mutex is its own guard
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    @inline(__always)
    package func lock() { pthread_mutex_lock(mutex) }

    @inline(__always)
    package func unlock() { pthread_mutex_unlock(mutex) }

    /// Runs `body` with the mutex held.
    @inline(__always)
    package func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
}
