/// A transfer the engine runs: its lifecycle, the pooled handle it runs on, and what the
/// engine needs to deliver its record and to cancel it. Loop-thread only (it lives in
/// `EngineCore`).
final class EngineTransfer {
    typealias Completion = @Sendable (FetchRecord) -> Void

    let transfer: Transfer
    let handle: EasyHandle
    let completion: Completion
    let cancelToken: CancelToken?
    /// The back-off timer while waiting to retry.
    var retryTimer: TimerHeap.ID?

    init(transfer: Transfer, handle: EasyHandle, completion: @escaping Completion, cancelToken: CancelToken?) {
        self.transfer = transfer
        self.handle = handle
        self.completion = completion
        self.cancelToken = cancelToken
    }
}
