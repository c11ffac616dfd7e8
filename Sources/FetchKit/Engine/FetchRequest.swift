/// A job as a worker hands it to a transport: who runs it and when it was taken, so the
/// record can say how long it queued and how long the worker spent on it.
public struct FetchRequest: Sendable {
    public let job: FetchJob
    /// 1-based worker number.
    public let worker: Int
    public let strategy: StrategyKind
    /// The start of the run (MonotonicClock ns): `queued` and `start` are measured from it.
    public let runStart: UInt64
    /// When the worker took the job from the queue.
    public let takenAt: UInt64

    public init(job: FetchJob, worker: Int, strategy: StrategyKind, runStart: UInt64, takenAt: UInt64) {
        self.job = job
        self.worker = worker
        self.strategy = strategy
        self.runStart = runStart
        self.takenAt = takenAt
    }

    /// Seconds the job waited in the work queue, counted from the start of the run: until
    /// the frontier took it, or (without one) until the worker did.
    var queuedSeconds: Double {
        let left = job.leftQueueAt == 0 ? takenAt : job.leftQueueAt
        return MonotonicClock.seconds(from: max(job.enqueuedAt, runStart), to: left)
    }
}
