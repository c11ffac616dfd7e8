import Dispatch
import Synchronization

/// `green`: each worker is a stackful coroutine on the engine's loop thread, which is
/// the hub (gevent's model). A worker's code reads like the blocking strategy's —
/// take, fetch, emit — but a wait parks the coroutine and the hub runs the others.
struct GreenStrategy: FetchStrategy {
    let stackSize: Int

    func run(_ context: RunContext) throws {
        try context.withEngine { engine in
            let finished = DispatchSemaphore(value: 0)
            let failure = StartFailure()
            // The hub is made on the loop thread, and lives there until its workers finish.
            engine.execute {
                do {
                    try GreenHub.start(context: context, engine: engine, stackSize: stackSize) { finished.signal() }
                } catch {
                    failure.error.withLock { $0 = error }
                    finished.signal()
                }
            }
            finished.wait()
            if let error = failure.error.withLock({ $0 }) { throw error }
        }
    }
}

/// Carries a failed start from the loop thread to the run's thread.
private final class StartFailure: Sendable {
    let error = Locked<(any Error)?>(nil)
}
