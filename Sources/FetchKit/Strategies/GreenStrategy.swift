import Dispatch
import Synchronization

/// `green`: each worker is a stackful coroutine on a loop thread, which is its hub
/// (gevent's model; one hub per loop, a coroutine never changes thread). A worker's code
/// reads like the blocking strategy's — take, fetch, emit — but a wait parks the
/// coroutine and its hub runs the others.
struct GreenStrategy: FetchStrategy {
    let stackSize: Int

    func run(_ context: RunContext) throws {
        try context.withEngines { group in
            let finished = DispatchSemaphore(value: 0)
            let failure = StartFailure()
            for (index, engine) in group.engines.enumerated() {
                let numbers = group.workers(onLoop: index, of: context.workers)
                // A hub is made on its loop thread, and lives there until its workers finish.
                engine.execute {
                    do {
                        try GreenHub.start(
                            context: context, engine: engine, workers: numbers, stackSize: stackSize
                        ) { finished.signal() }
                    } catch {
                        failure.error.withLock { $0 = error }
                        finished.signal()
                    }
                }
            }
            // Each hub signals once: when its workers have finished, or when it could not start.
            for _ in group.engines { finished.wait() }
            if let error = failure.error.withLock({ $0 }) { throw error }
        }
    }
}

/// Carries a failed start from the loop thread to the run's thread.
private final class StartFailure: Sendable {
    let error = Locked<(any Error)?>(nil)
}
