/// Where a run's workers take their jobs: the work queue itself, or the host-aware frontier
/// in front of it. Every strategy takes through this, so `--strategy` never changes which
/// job runs when.
protocol JobSource: Sendable {
    /// The next job, blocking the calling thread while none may start; nil once there is no
    /// more work. For OS-thread workers.
    func take() -> FetchJob?

    /// Calls `handler` with the next job (nil once there is no more work): at once on the
    /// calling thread if one may start now, else later on whichever thread frees one. For
    /// event-driven workers, which must never block.
    func take(_ handler: @escaping @Sendable (FetchJob?) -> Void)

    /// Runs `handler` once, when a taker is first told there is no more work.
    func whenDrained(_ handler: @escaping @Sendable () -> Void)

    /// A job taken from here has its record: whatever it held (its host's slot) is free.
    func finished(_ record: FetchRecord)

    /// Handlers waiting for a host's pause or rate token are woken on `timer` (the engine's
    /// loop). Set before the workers start.
    func useTimer(_ timer: any FrontierTimer)
}

extension JobSource {
    /// The next job, awaited without blocking a thread; nil once there is no more work.
    func next() async -> FetchJob? {
        await withCheckedContinuation { continuation in
            take { continuation.resume(returning: $0) }
        }
    }
}

extension WorkQueue: JobSource {
    /// The plain queue holds nothing for a job once it is taken.
    func finished(_ record: FetchRecord) {}

    /// The plain queue's waiters are woken by arriving jobs only.
    func useTimer(_ timer: any FrontierTimer) {}
}
