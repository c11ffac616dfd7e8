/// What every strategy's workers share during one run.
final class RunContext: Sendable {
    let queue: WorkQueue
    let plan: TransferPlan
    let workers: Int
    let strategy: StrategyKind
    let runStart: UInt64
    let cancellation: RunCancellation
    private let emitRecord: @Sendable (FetchRecord) -> Void

    init(
        queue: WorkQueue, plan: TransferPlan, workers: Int, strategy: StrategyKind, runStart: UInt64,
        cancellation: RunCancellation, emit: @escaping @Sendable (FetchRecord) -> Void
    ) {
        self.queue = queue
        self.plan = plan
        self.workers = workers
        self.strategy = strategy
        self.runStart = runStart
        self.cancellation = cancellation
        self.emitRecord = emit
    }

    /// The request for a job worker `worker` has just taken.
    func request(for job: FetchJob, worker: Int) -> FetchRequest {
        FetchRequest(
            job: job, worker: worker, strategy: strategy, runStart: runStart, takenAt: MonotonicClock.now())
    }

    func emit(_ record: FetchRecord) {
        emitRecord(record)
    }
}
