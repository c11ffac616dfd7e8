/// The gevent model on cfetch's engine: the loop thread is the hub, each worker a
/// coroutine on it. A worker calls synchronous-looking `take` and `fetch`, which park
/// it and switch to the hub; the hub switches back when the job or the record arrives.
///
/// Everything here runs on the loop thread: the hub is made there, and work posted from
/// other threads reaches it and its workers only through a `LoopBound`. Switches happen
/// only in hub code (posted work, transfer completions) — never inside a curl callback —
/// and curl is only called from the hub's own stack: a worker asks the hub to start its
/// transfer.
///
/// A cancelled run needs nothing of its own here: the queue answers parked takers with
/// nil and the engine gives transfers in flight their `cancelled` records, so every
/// worker wakes, emits what it has, and finishes.
final class GreenHub {
    private let context: RunContext
    private let engine: FetchEngine
    private let onAllFinished: @Sendable () -> Void
    private var workers: [GreenWorker] = []
    private var running = 0
    /// The hub keeps itself alive while a worker runs (its coroutines refer to it unowned).
    private var keepAlive: GreenHub?

    private init(context: RunContext, engine: FetchEngine, onAllFinished: @escaping @Sendable () -> Void) {
        self.context = context
        self.engine = engine
        self.onAllFinished = onAllFinished
    }

    /// Makes a hub on the loop thread, spawns the workers numbered `numbers` and runs each
    /// to its first switch; `onAllFinished` is called once the last one finishes (at once
    /// when there are none).
    static func start(
        context: RunContext, engine: FetchEngine, workers numbers: [Int], stackSize: Int,
        onAllFinished: @escaping @Sendable () -> Void
    ) throws {
        precondition(engine.inLoopThread, "the green hub starts on the engine's loop thread")
        guard !numbers.isEmpty else {
            onAllFinished()
            return
        }
        let hub = GreenHub(context: context, engine: engine, onAllFinished: onAllFinished)
        try hub.spawnWorkers(numbers, stackSize: stackSize)
    }

    private func spawnWorkers(_ numbers: [Int], stackSize: Int) throws {
        try Coroutine.prepareThread()
        for number in numbers {
            let worker = GreenWorker(number: number)
            worker.coroutine = try Coroutine(stackSize: stackSize) { [unowned self, unowned worker] in
                work(worker)
            }
            workers.append(worker)
        }
        running = workers.count
        keepAlive = self
        for worker in workers { switchTo(worker) }
    }

    // MARK: The worker's side (on its coroutine)

    private func work(_ worker: GreenWorker) {
        while let job = take(worker) {
            context.emit(fetch(context.request(for: job, worker: worker.number), worker))
        }
    }

    /// The next job, parking until the queue has one; nil once it is drained.
    private func take(_ worker: GreenWorker) -> FetchJob? {
        let handOff = HandOff<JobOrEnd>()
        let parked = LoopBound((hub: self, worker: worker), loop: engine)
        context.jobs.take { [engine] job in
            // The queue may answer on the input reader's thread: wake the worker on the loop.
            if handOff.fill(JobOrEnd(job)) {
                engine.execute {
                    let (hub, worker) = parked.value()
                    hub.wake(worker, for: handOff)
                }
            }
        }
        if let ready = handOff.takeOrPark() { return ready.job }
        park(worker, on: handOff)
        return handOff.filledValue?.job
    }

    /// The record for a request: the hub starts the transfer, the worker parks until
    /// it completes.
    private func fetch(_ request: FetchRequest, _ worker: GreenWorker) -> FetchRecord {
        let handOff = HandOff<FetchRecord>()
        let parked = LoopBound((hub: self, worker: worker), loop: engine)
        worker.transferToStart = { [engine] in
            engine.fetch(request) { record in
                _ = handOff.fill(record)
                let (hub, worker) = parked.value()
                hub.wake(worker, for: handOff)
            }
        }
        park(worker, on: handOff)
        guard let record = handOff.filledValue else { preconditionFailure("a green worker woke without its record") }
        return record
    }

    /// Switches to the hub until woken for `handOff`.
    private func park<Value>(_ worker: GreenWorker, on handOff: HandOff<Value>) {
        worker.parkedOn = ObjectIdentifier(handOff)
        worker.coroutine?.yield()
        worker.parkedOn = nil
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
        if running == 0 {
            onAllFinished()
            keepAlive = nil
        }
    }
}

/// A job, or the queue's end, as one non-optional value for a `HandOff`.
private struct JobOrEnd: Sendable {
    let job: FetchJob?
    init(_ job: FetchJob?) { self.job = job }
}
