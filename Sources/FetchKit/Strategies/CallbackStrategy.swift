import Dispatch

/// `callback`: each worker is a chain of callbacks on the engine's loop thread — take a
/// job, start its transfer, and in the transfer's completion take the next one (the
/// Tornado / Twisted style). Nothing blocks; each loop thread runs its share of the
/// workers, and a worker stays on its loop for life.
struct CallbackStrategy: FetchStrategy {
    func run(_ context: RunContext) throws {
        try context.withEngines { group in
            let finished = DispatchSemaphore(value: 0)
            let workers = WorkerCount(context.workers) { finished.signal() }
            for (index, engine) in group.engines.enumerated() {
                let numbers = group.workers(onLoop: index, of: context.workers)
                engine.execute {
                    for number in numbers {
                        CallbackWorker(number: number, context: context, engine: engine, workers: workers).takeNext()
                    }
                }
            }
            finished.wait()
        }
    }
}

/// One callback chain. The queue may hand it a job on the reader's thread; the engine
/// takes the request over to its loop, where the completion takes the next job. A class
/// (immutable, so `Sendable` as it is): each link's closures capture one reference.
private final class CallbackWorker: Sendable {
    let number: Int
    let context: RunContext
    let engine: FetchEngine
    let workers: WorkerCount

    init(number: Int, context: RunContext, engine: FetchEngine, workers: WorkerCount) {
        self.number = number
        self.context = context
        self.engine = engine
        self.workers = workers
    }

    func takeNext() {
        context.jobs.take { [self] job in
            guard let job else {
                engine.execute { [workers] in workers.finishOne() }
                return
            }
            engine.fetch(context.request(for: job, worker: number)) { [self] record in
                context.emit(record)
                takeNext()
            }
        }
    }
}
