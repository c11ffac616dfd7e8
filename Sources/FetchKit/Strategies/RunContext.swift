/// What every strategy's workers share during one run.
final class RunContext: Sendable {
    /// The work queue, or the frontier in front of it when the run is polite.
    let jobs: any JobSource
    let plan: TransferPlan
    let workers: Int
    let strategy: StrategyKind
    /// How the engine is laid out: its loops and what each is told.
    let engine: EngineSettings
    let runStart: UInt64
    let cancellation: RunCancellation
    private let emitRecord: @Sendable (FetchRecord) -> Void

    init(
        jobs: any JobSource, plan: TransferPlan, workers: Int, strategy: StrategyKind,
        engine: EngineSettings = EngineSettings(), runStart: UInt64,
        cancellation: RunCancellation, emit: @escaping @Sendable (FetchRecord) -> Void
    ) {
        self.jobs = jobs
        self.plan = plan
        self.workers = workers
        self.strategy = strategy
        self.engine = engine
        self.runStart = runStart
        self.cancellation = cancellation
        self.emitRecord = emit
    }

    /// The request for a job worker `worker` has just taken.
    func request(for job: FetchJob, worker: Int) -> FetchRequest {
        FetchRequest(
            job: job, worker: worker, strategy: strategy, runStart: runStart, takenAt: MonotonicClock.now())
    }

    /// The job's record: what it held in the job source is freed, and the record goes out.
    func emit(_ record: FetchRecord) {
        jobs.finished(record)
        emitRecord(record)
    }
}
