import Dispatch

/// `green`: each worker is a stackful coroutine on the engine's loop thread, which is
/// the hub (gevent's model). A worker's code reads like the blocking strategy's —
/// take, fetch, emit — but a wait parks the coroutine and the hub runs the others.
struct GreenStrategy: FetchStrategy {
    let stackSize: Int

    func run(_ context: RunContext) throws {
        let engine = try FetchEngine(plan: context.plan, maxConnections: context.workers)
        let finished = DispatchSemaphore(value: 0)
        let hub = GreenHub(context: context, engine: engine) { finished.signal() }
        let started = StartOutcome()
        engine.execute {
            do {
                try hub.start(stackSize: stackSize)
            } catch {
                started.error = error
                finished.signal()
            }
        }
        context.cancellation.onCancel {
            engine.cancelAll()
            engine.execute { hub.cancel() }
        }
        finished.wait()
        engine.shutdown()
        if let error = started.error { throw error }
    }
}

/// Carries a failed start from the loop thread to the run's thread (ordered by the
/// semaphore both use).
private final class StartOutcome: @unchecked Sendable {
    var error: (any Error)?
}
