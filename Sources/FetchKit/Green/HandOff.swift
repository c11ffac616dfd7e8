import Foundation

/// One value passed to a green worker, possibly from another thread: filled once, by
/// whoever produces it, and read by the worker after it wakes. Tells the filler whether
/// the worker had already parked (and so must be woken).
final class HandOff<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    private var parked = false

    /// Stores the value; true if the worker is parked waiting for it.
    func fill(_ newValue: Value) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        value = newValue
        return parked
    }

    /// The value if it is already there; otherwise records that the worker parks.
    /// Never yield while holding the lock: this returns before the worker switches.
    func takeOrPark() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        if value == nil { parked = true }
        return value
    }

    /// The value, once the worker has been woken for it.
    var filledValue: Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
