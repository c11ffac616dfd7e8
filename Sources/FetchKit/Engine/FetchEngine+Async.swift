extension FetchEngine {
    /// The request's record, awaited. Cancelling the calling task removes the transfer
    /// from the multi handle; the record then says `cancelled`. Every request gets a
    /// record, so this does not throw.
    public func fetch(_ request: FetchRequest) async -> FetchRecord {
        let token = CancelToken()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                fetch(request, cancelToken: token) { continuation.resume(returning: $0) }
            }
        } onCancel: {
            cancel(token)
        }
    }
}
