/// Wakes the frontier when a paused host or a rate token comes due, for workers that wait
/// with a handler (the loop strategies): on the engine's loop timers. Blocking workers
/// wait on the frontier's condition with a deadline instead.
protocol FrontierTimer: Sendable {
    /// Calls `action` at `deadline` (MonotonicClock ns) or soon after, on some other thread.
    func wake(at deadline: UInt64, _ action: @escaping @Sendable () -> Void)
}

extension FetchEngine: FrontierTimer {
    func wake(at deadline: UInt64, _ action: @escaping @Sendable () -> Void) {
        schedule(at: deadline, action)
    }
}
