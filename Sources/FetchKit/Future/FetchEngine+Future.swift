extension FetchEngine {
    /// The request's record, as a future on this engine's loop.
    public func fetch(_ request: FetchRequest) -> Future<FetchRecord> {
        let promise = makePromise(of: FetchRecord.self)
        fetch(request) { promise.succeed($0) }
        return promise.futureResult
    }
}
