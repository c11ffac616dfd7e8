import Foundation

/// `callback`: each worker is a chain of callbacks on the engine's loop thread — take a
/// job, start its transfer, and in the transfer's completion take the next one (the
/// Tornado / Twisted style). Nothing blocks; one thread runs every worker.
struct CallbackStrategy: FetchStrategy {
    func run(_ context: RunContext) throws {
        let engine = try FetchEngine(plan: context.plan, maxConnections: context.workers)
        let finished = DispatchSemaphore(value: 0)
        let workers = WorkerCount(context.workers) { finished.signal() }
        context.cancellation.onCancel { engine.cancelAll() }
        engine.execute {
            for worker in 1...context.workers {
                CallbackWorker(number: worker, context: context, engine: engine, workers: workers).takeNext()
            }
        }
        finished.wait()
        engine.shutdown()
    }
}

/// One callback chain. Its state is only touched on the loop thread: the queue may hand
/// it a job on the reader's thread, and it hops to the loop before doing anything else.
private final class CallbackWorker: @unchecked Sendable {
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
        context.queue.take { [self] job in
            guard let job else {
                engine.noMoreRequests()
                engine.execute { [workers] in workers.finishOne() }
                return
            }
            let request = context.request(for: job, worker: number)
            engine.fetch(request) { [self] record in
                context.emit(record)
                takeNext()
            }
        }
    }
}
