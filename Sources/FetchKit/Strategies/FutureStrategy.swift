/// `future`: each worker is a chain of futures — take a job (a future), fetch it (a
/// future), and when that completes take the next (`concurrent.futures`, Twisted's
/// Deferred). Each worker's futures live on its loop; the run waits on the combined
/// future of each loop's workers.
struct FutureStrategy: FetchStrategy {
    func run(_ context: RunContext) throws {
        try context.withEngines { group in
            let loops = group.engines.enumerated().map { index, engine in
                let workers = group.workers(onLoop: index, of: context.workers).map { number in
                    FutureWorker(number: number, context: context, engine: engine).start()
                }
                return Future.whenAllComplete(workers, on: engine)
            }
            for loop in loops { _ = try loop.wait() }
        }
    }
}

/// One worker's chain. It never recurses: each link is registered when the previous
/// future completes, on a later loop turn.
private struct FutureWorker: Sendable {
    let number: Int
    let context: RunContext
    let engine: FetchEngine

    /// Starts the chain; the future completes when the queue has run dry.
    func start() -> Future<Void> {
        let finished = engine.makePromise(of: Void.self)
        next(finished)
        return finished.futureResult
    }

    private func next(_ finished: Promise<Void>) {
        nextJob()
            .flatMap { job -> Future<FetchRecord?> in
                guard let job else { return engine.makeSucceededFuture(nil) }
                return engine.fetch(context.request(for: job, worker: number)).map { $0 }
            }
            .whenComplete { result in
                switch result {
                case .success(let record?):
                    context.emit(record)
                    next(finished)
                case .success(nil):
                    finished.succeed(())
                case .failure(let error):
                    finished.fail(error)
                }
            }
    }

    /// The next job from the shared queue as a future (nil once it is drained).
    private func nextJob() -> Future<FetchJob?> {
        let promise = engine.makePromise(of: FetchJob?.self)
        context.jobs.take { promise.succeed($0) }
        return promise.futureResult
    }
}
