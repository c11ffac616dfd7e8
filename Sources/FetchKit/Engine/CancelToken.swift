import Synchronization

/// Cancels one transfer: handed to `FetchEngine.fetch` and passed to `FetchEngine.cancel`
/// from any thread (a Swift task's cancellation handler, say). Cancelling before the
/// transfer started, while it runs, or while it waits to retry all yield one `cancelled`
/// record; cancelling after it finished does nothing.
public final class CancelToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isCancelled: Bool { flag.load(ordering: .acquiring) }

    func markCancelled() {
        flag.store(true, ordering: .releasing)
    }
}
