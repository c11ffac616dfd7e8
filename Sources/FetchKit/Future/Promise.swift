/// The write side of a `Future`: complete it once, from any thread.
public struct Promise<Value: Sendable>: Sendable {
    public let futureResult: Future<Value>

    init(loop: any FutureLoop) {
        futureResult = Future(loop: loop)
    }

    public func succeed(_ value: Value) {
        complete(.success(value))
    }

    public func fail(_ error: any Error) {
        complete(.failure(error))
    }

    /// Completes with `result`; later completions are ignored.
    public func complete(_ result: Result<Value, any Error>) {
        let future = futureResult
        future.onLoop { future.setResult(result).run() }
    }

    /// Completes with whatever `other` completes with.
    public func completeWith(_ other: Future<Value>) {
        other.whenComplete { complete($0) }
    }
}
