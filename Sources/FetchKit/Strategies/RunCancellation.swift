import Synchronization

/// The run's stop signal (Ctrl-C, a closed output): set once, from any thread; strategies
/// register how to stop what they have in flight.
public final class RunCancellation: Sendable {
    private struct State {
        var cancelled = false
        var handlers: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())
    /// Read without the lock: blocking workers ask from curl's progress callback, often.
    private let cancelledFlag = Atomic<Bool>(false)

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
        for handler in handlers { handler() }
        return true
    }
}
