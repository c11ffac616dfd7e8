import Foundation

/// The one engine: a curl multi handle driven by our own `poll(2)` loop on one thread.
///
/// `fetch`, `execute` and `cancelAll` may be called from any thread; completions and
/// executed work always run on the loop thread, after curl has returned.
public final class FetchEngine: @unchecked Sendable {
    private let loop: PollLoop
    private let core: EngineCore
    private let exited = DispatchSemaphore(value: 0)
    private var isShutDown = false

    /// - Parameter maxConnections: connections kept open for reuse; a run's `-j`.
    public convenience init(options: FetchOptions, maxConnections: Int) throws {
        try self.init(plan: TransferPlan(options: options), maxConnections: maxConnections)
    }

    init(plan: TransferPlan, maxConnections: Int) throws {
        try CurlGlobal.initialize()
        loop = try PollLoop()
        core = try EngineCore(loop: loop, plan: plan, maxConnections: maxConnections)
        let thread = Thread { [loop, core, exited] in
            loop.run(driver: core)
            exited.signal()
        }
        thread.name = "cfetch-loop"
        thread.start()
        // Wait for the loop to run so `inLoopThread` answers truthfully from the start.
        let started = DispatchSemaphore(value: 0)
        loop.execute { started.signal() }
        started.wait()
    }

    /// True on the engine's loop thread.
    public var inLoopThread: Bool { loop.inLoopThread }

    /// Starts fetching the request's job; `completion` gets its record on the loop thread.
    /// `cancelToken`, if given, lets `cancel(_:)` stop this one transfer.
    public func fetch(
        _ request: FetchRequest, cancelToken: CancelToken? = nil,
        completion: @escaping @Sendable (FetchRecord) -> Void
    ) {
        if loop.inLoopThread {
            core.start(request, cancelToken: cancelToken, completion: completion)
        } else {
            loop.execute { [core] in core.start(request, cancelToken: cancelToken, completion: completion) }
        }
    }

    /// Cancels the transfer `token` was given to: it gets a `cancelled` record.
    public func cancel(_ token: CancelToken) {
        token.markCancelled()
        loop.execute { [core] in core.cancel(token) }
    }

    /// Runs `work` on the loop thread in a later turn.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        loop.execute(work)
    }

    /// Tells the engine no new requests will follow those already made (the work queue has
    /// run dry): connections are closed after use rather than kept for reuse.
    public func noMoreRequests() {
        loop.execute { [core] in core.stopKeepingConnections() }
    }

    /// Cancels every transfer in flight (each gets a `cancelled` record) and refuses new ones.
    public func cancelAll() {
        loop.execute { [core] in core.cancelAll() }
    }

    /// Stops the loop and waits for its thread to release every curl handle. Call once,
    /// not from the loop thread.
    public func shutdown() {
        precondition(!loop.inLoopThread, "FetchEngine.shutdown() called on its own loop thread")
        guard !isShutDown else { return }
        isShutDown = true
        loop.stop()
        exited.wait()
    }

    deinit {
        guard !isShutDown else { return }
        loop.stop()
        // The last reference may go on the loop thread itself; it exits after this turn.
        if !loop.inLoopThread { exited.wait() }
    }
}
