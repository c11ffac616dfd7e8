import Dispatch
import Synchronization

/// One engine loop: a curl multi handle driven by our own readiness loop on one thread. A
/// run has one or more (`EngineGroup`), each with its own connections.
///
/// `fetch`, `execute` and `cancelAll` may be called from any thread; completions and
/// executed work always run on the loop thread, after curl has returned.
public final class FetchEngine: Sendable {
    private let loop: PollLoop
    private let core: LoopBound<EngineCore>
    private let exited = DispatchSemaphore(value: 0)
    private let isShutDown = Atomic<Bool>(false)

    /// - Parameter maxConnections: connections kept open for reuse; a run's `-j`.
    public convenience init(options: FetchOptions, maxConnections: Int) throws {
        try self.init(plan: TransferPlan(options: options), maxConnections: maxConnections)
    }

    /// Throws a `CurlError` or a `SystemCallError` when curl or the loop cannot start.
    /// - Parameter name: the loop thread's name, as `top -H` and debuggers show it.
    init(
        plan: TransferPlan, maxConnections: Int, settings: EngineSettings = EngineSettings(),
        name: String = "cfetch-loop"
    ) throws {
        try CurlGlobal.initialize()
        let loop = try PollLoop(poller: settings.poller)
        // Made here, used only on the loop thread from now on.
        let core = LoopBound(
            handingOver: try EngineCore(
                loop: loop, plan: plan, maxConnections: maxConnections, h2Streams: settings.h2Streams),
            to: loop)
        self.loop = loop
        self.core = core
        startThread(name: name) { [exited] in
            loop.run(driver: core)
            exited.signal()
        }
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
            core.value().start(request, cancelToken: cancelToken, completion: completion)
        } else {
            loop.execute { [core] in core.value().start(request, cancelToken: cancelToken, completion: completion) }
        }
    }

    /// Fetches `request` keeping its body in `capture` (robots.txt for the frontier).
    func fetch(
        _ request: FetchRequest, capturingBodyIn capture: BodyCapture,
        completion: @escaping @Sendable (FetchRecord) -> Void
    ) {
        loop.execute { [core] in
            core.value().start(request, cancelToken: nil, capture: capture, completion: completion)
        }
    }

    /// Runs `work` on the loop thread at `deadline` (MonotonicClock ns), or soon after.
    func schedule(at deadline: UInt64, _ work: @escaping @Sendable () -> Void) {
        loop.execute { [loop] in loop.schedule(at: deadline, work) }
    }

    /// Cancels the transfer `token` was given to: it gets a `cancelled` record.
    public func cancel(_ token: CancelToken) {
        token.markCancelled()
        loop.execute { [core] in core.value().cancel(token) }
    }

    /// Runs `work` on the loop thread in a later turn.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        loop.execute(work)
    }

    /// Tells the engine no new requests will follow those already made (the work queue has
    /// run dry): connections are closed after use rather than kept for reuse.
    public func noMoreRequests() {
        loop.execute { [core] in core.value().stopKeepingConnections() }
    }

    /// Cancels every transfer in flight (each gets a `cancelled` record) and refuses new ones.
    public func cancelAll() {
        loop.execute { [core] in core.value().cancelAll() }
    }

    /// Transfers in flight and backing off, asked of the loop and waited for: for tests
    /// and diagnostics, never from the loop thread.
    func transferCounts() -> (active: Int, backingOff: Int) {
        precondition(!loop.inLoopThread, "transferCounts() waits for the loop: not from its own thread")
        let answer = Locked<(active: Int, backingOff: Int)>((0, 0))
        let answered = DispatchSemaphore(value: 0)
        loop.execute { [core] in
            let counts = core.value().counts
            answer.withLock { $0 = counts }
            answered.signal()
        }
        answered.wait()
        return answer.withLock { $0 }
    }

    /// Stops the loop and waits for its thread to release every curl handle. Not from the
    /// loop thread; later calls do nothing.
    public func shutdown() {
        precondition(!loop.inLoopThread, "FetchEngine.shutdown() called on its own loop thread")
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        loop.stop()
        exited.wait()
    }

    deinit {
        guard !isShutDown.load(ordering: .acquiring) else { return }
        loop.stop()
        // The last reference may go on the loop thread itself; it exits after this turn.
        if !loop.inLoopThread { exited.wait() }
    }
}
