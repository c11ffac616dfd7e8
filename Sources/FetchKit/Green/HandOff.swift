import Synchronization

/// One value passed to a green worker, possibly from another thread: filled once, by
/// whoever produces it, and read by the worker after it wakes. Tells the filler whether
/// the worker had already parked (and so must be woken): no wake-up is lost.
final class HandOff<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var parked = false
    }

    private let state = Locked(State())

    /// Stores the value; true if the worker is parked waiting for it.
    func fill(_ newValue: Value) -> Bool {
        state.withLock { state in
            state.value = newValue
            return state.parked
        }
    }

    /// The value if it is already there; otherwise records that the worker parks.
    /// Never yield while holding the lock: this returns before the worker switches.
    func takeOrPark() -> Value? {
        state.withLock { state in
            if state.value == nil { state.parked = true }
            return state.value
        }
    }

    /// The value, once the worker has been woken for it.
    var filledValue: Value? {
        state.withLock { $0.value }
    }
}
