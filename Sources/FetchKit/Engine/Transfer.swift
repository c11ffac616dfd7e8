/// A job in flight on the engine: its easy handle, its body sink, and its attempts.
/// Loop-thread only.
final class Transfer {
    typealias Completion = @Sendable (FetchRecord) -> Void

    let request: FetchRequest
    let handle: EasyHandle
    let sink: BodySink
    let completion: Completion
    let cancelToken: CancelToken?
    var attempts = 0
    /// When the current attempt was added to the multi handle.
    var startedAt: UInt64 = 0
    /// The back-off timer while waiting to retry.
    var retryTimer: TimerHeap.ID?

    init(
        request: FetchRequest, handle: EasyHandle, sink: BodySink, cancelToken: CancelToken?,
        completion: @escaping Completion
    ) {
        self.request = request
        self.handle = handle
        self.sink = sink
        self.cancelToken = cancelToken
        self.completion = completion
    }

    func record(_ result: TransferResult) -> FetchRecord {
        result.record(
            for: request, transferStart: startedAt, finishedAt: MonotonicClock.now(), attempts: attempts)
    }
}
