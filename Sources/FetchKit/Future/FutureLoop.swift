/// Where a future's callbacks run: one thread, reachable from any other.
/// `FetchEngine` is one (its poll loop thread).
public protocol FutureLoop: AnyObject, Sendable {
    /// True on the loop's thread.
    var inLoopThread: Bool { get }
    /// Runs `work` on the loop's thread in a later turn.
    func execute(_ work: @escaping @Sendable () -> Void)
}

extension FetchEngine: FutureLoop {}

extension FutureLoop {
    public func makePromise<Value: Sendable>(of type: Value.Type = Value.self) -> Promise<Value> {
        Promise(loop: self)
    }

    public func makeSucceededFuture<Value: Sendable>(_ value: Value) -> Future<Value> {
        Future(loop: self, result: .success(value))
    }

    public func makeFailedFuture<Value: Sendable>(_ error: any Error) -> Future<Value> {
        Future(loop: self, result: .failure(error))
    }
}
