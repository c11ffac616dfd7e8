extension Future {
    /// A future of `transform(value)`; a failure passes through.
    public func map<NewValue: Sendable>(
        _ transform: @escaping @Sendable (Value) -> NewValue
    ) -> Future<NewValue> {
        let next = Future<NewValue>(loop: loop)
        onLoop {
            self.cascade(to: next) { $0.map(transform) }
        }
        return next
    }

    /// A future of the future `transform(value)` returns; a failure passes through.
    public func flatMap<NewValue: Sendable>(
        _ transform: @escaping @Sendable (Value) -> Future<NewValue>
    ) -> Future<NewValue> {
        let next = Future<NewValue>(loop: loop)
        onLoop {
            self.addCallback {
                switch self.result! {
                case .failure(let error):
                    return next.setResult(.failure(error))
                case .success(let value):
                    let inner = transform(value)
                    guard inner.loop === self.loop else {
                        inner.whenComplete { result in next.onLoop { next.setResult(result).run() } }
                        return CallbackList()
                    }
                    // Same loop, so this is its thread: an inner future that is already
                    // complete hands its result on here, without a nested run.
                    if let result = inner.result { return next.setResult(result) }
                    inner.cascade(to: next) { $0 }
                    return CallbackList()
                }
            }
        }
        return next
    }

    /// A future that recovers from a failure with `transform(error)`.
    public func recover(_ transform: @escaping @Sendable (any Error) -> Value) -> Future<Value> {
        let next = Future<Value>(loop: loop)
        onLoop {
            self.cascade(to: next) { result in
                result.flatMapError { .success(transform($0)) }
            }
        }
        return next
    }

    /// A future of every result, in order, once all `futures` completed (successfully or not).
    public static func whenAllComplete(
        _ futures: [Future<Value>], on loop: any FutureLoop
    ) -> Future<[Result<Value, any Error>]> {
        let promise = loop.makePromise(of: [Result<Value, any Error>].self)
        let collector = AllComplete<Value>(count: futures.count, promise: promise)
        if futures.isEmpty { promise.succeed([]) }
        for (position, future) in futures.enumerated() {
            future.whenComplete { collector.record($0, at: position) }
        }
        return promise.futureResult
    }
}

/// Gathers results for `whenAllComplete`, from callbacks on the loop's thread.
private final class AllComplete<Value: Sendable>: @unchecked Sendable {  // guarded: loop-only, asserted
    private var results: [Result<Value, any Error>?]
    private var remaining: Int
    private let promise: Promise<[Result<Value, any Error>]>
    private let loop: any FutureLoop

    init(count: Int, promise: Promise<[Result<Value, any Error>]>) {
        results = Array(repeating: nil, count: count)
        remaining = count
        self.promise = promise
        loop = promise.futureResult.loop
    }

    func record(_ result: Result<Value, any Error>, at position: Int) {
        assert(loop.inLoopThread, "whenAllComplete gathered a result off its loop's thread")
        results[position] = result
        remaining -= 1
        if remaining == 0 { promise.succeed(results.map { $0! }) }
    }
}
