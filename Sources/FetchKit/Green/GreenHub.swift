/// The gevent model on cfetch's engine: the loop thread is the hub, each worker a
/// coroutine on it. A worker calls synchronous-looking `take` and `fetch`, which park
/// it and switch to the hub; the hub switches back when the job or the record arrives.
///
/// Everything here runs on the loop thread. Switches happen only in hub code (posted
/// work, transfer completions) — never inside a curl callback — and curl is only called
/// from the hub's own stack: a worker asks the hub to start its transfer.
final class GreenHub: @unchecked Sendable {
    private let context: RunContext
    private let engine: FetchEngine
    private let onAllFinished: @Sendable () -> Void
    private var workers: [GreenWorker] = []
    private var running = 0

    init(context: RunContext, engine: FetchEngine, onAllFinished: @escaping @Sendable () -> Void) {
        self.context = context
        self.engine = engine
        self.onAllFinished = onAllFinished
    }

    /// Spawns the workers and runs each to its first switch. Loop thread.
    func start(stackSize: Int) throws {
        try Coroutine.prepareThread()
        for number in 1...context.workers {
            let worker = GreenWorker(number: number)
            worker.coroutine = try Coroutine(stackSize: stackSize) { [unowned self, unowned worker] in
                work(worker)
            }
            workers.append(worker)
        }
        running = workers.count
        for worker in workers { switchTo(worker) }
    }

    /// Ctrl-C: workers parked on the queue unwind by throwing at their switch point;
    /// those waiting on a transfer get its `cancelled` record from the engine.
    func cancel() {
        for worker in workers where worker.waitingForJob && worker.parkedOn != nil {
            worker.wokenToCancel = true
            switchTo(worker)
        }
    }

    // MARK: The worker's side (on its coroutine)

    private func work(_ worker: GreenWorker) {
        defer { engine.noMoreRequests() }
        do {
            while let job = try take(worker) {
                let record = try fetch(context.request(for: job, worker: worker.number), worker)
                context.emit(record)
            }
        } catch {
            // GreenWorkerCancelled: unwound; nothing was taken that lacks a record.
        }
    }

    /// The next job, parking until the queue has one; nil once it is drained.
    private func take(_ worker: GreenWorker) throws -> FetchJob? {
        let handOff = HandOff<JobOrEnd>()
        context.queue.take { [engine] job in
            if handOff.fill(JobOrEnd(job)) {
                engine.execute { [self] in wake(worker, for: handOff) }
            }
        }
        if let ready = handOff.takeOrPark() { return ready.job }
        worker.waitingForJob = true
        defer { worker.waitingForJob = false }
        try park(worker, on: handOff)
        return handOff.filledValue?.job
    }

    /// The record for a request: the hub starts the transfer, the worker parks until
    /// it completes.
    private func fetch(_ request: FetchRequest, _ worker: GreenWorker) throws -> FetchRecord {
        let handOff = HandOff<FetchRecord>()
        worker.transferToStart = { [self, engine] in
            engine.fetch(request) { record in
                _ = handOff.fill(record)
                self.wake(worker, for: handOff)
            }
        }
        try park(worker, on: handOff)
        return handOff.filledValue!
    }

    /// Switches to the hub until woken for `handOff` (or to unwind).
    private func park<Value>(_ worker: GreenWorker, on handOff: HandOff<Value>) throws {
        worker.parkedOn = ObjectIdentifier(handOff)
        worker.coroutine?.yield()
        worker.parkedOn = nil
        if worker.wokenToCancel { throw GreenWorkerCancelled() }
    }

    // MARK: The hub's side

    /// Switches to `worker` if it is still parked on `handOff`.
    private func wake<Value>(_ worker: GreenWorker, for handOff: HandOff<Value>) {
        guard worker.parkedOn == ObjectIdentifier(handOff) else { return }
        switchTo(worker)
    }

    private func switchTo(_ worker: GreenWorker) {
        guard let coroutine = worker.coroutine else { return }
        coroutine.resume()
        // Start the transfer it asked for now, not next turn: the server then works on
        // it while the hub runs the other workers.
        if let start = worker.transferToStart {
            worker.transferToStart = nil
            start()
        }
        guard coroutine.isFinished else { return }
        worker.coroutine = nil
        running -= 1
        if running == 0 { onAllFinished() }
    }
}

/// A job, or the queue's end, as one non-optional value for a `HandOff`.
private struct JobOrEnd {
    let job: FetchJob?
    init(_ job: FetchJob?) { self.job = job }
}
