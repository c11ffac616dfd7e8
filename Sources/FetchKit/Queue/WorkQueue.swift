import DequeModule

/// The shared, bounded, closable queue every strategy's workers pull jobs from.
///
/// One producer (the input reader) pushes and blocks while the queue is full, so memory
/// stays flat however long the list is. Consumers either block in `take()` (OS threads)
/// or register a handler with `take(_:)` (event-driven workers, which must never block).
public final class WorkQueue: @unchecked Sendable {  // guarded: every var by `condition`
    public typealias Handler = @Sendable (FetchJob?) -> Void

    private let condition = Condition()
    private let capacity: Int
    /// The producer, once blocked on a full queue, sleeps until the queue drains to this:
    /// it then refills in a burst instead of waking for every job taken.
    private let lowWater: Int
    private var producerWaiting = false
    // Guarded by `condition`.
    private var buffer = Deque<FetchJob>()
    private var waiters = Deque<Handler>()
    private var closed = false
    private var cancelled = false
    /// Called once, when the first taker hears there is no more work.
    private var drainedHandlers: [@Sendable () -> Void] = []
    private var drainedReported = false
    /// The frontier's wake-up, set by `poll(orNotify:)` on an empty queue: called once, on
    /// the producer's thread, when a job arrives or the queue closes.
    private var arrivalNotice: (@Sendable () -> Void)?
    /// Asked before each push (`--keep-order`'s bound); set once, at init.
    private let gate: (any PushGate)?

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        lowWater = self.capacity / 2
        gate = nil
    }

    init(capacity: Int, gate: (any PushGate)?) {
        self.capacity = max(1, capacity)
        lowWater = self.capacity / 2
        self.gate = gate
    }

    /// Adds a job, blocking while the gate (if any) is shut or the queue is full. Returns
    /// false, the job not taken, once the queue has been cancelled (the producer should
    /// stop reading).
    @discardableResult
    public func push(_ job: FetchJob) -> Bool {
        // Before the queue's lock: the gate may block for as long as a slow transfer takes.
        if let gate, !gate.admit(job) { return false }
        var job = job
        condition.lock()
        waitWhileFullLocked()
        guard !cancelled else {
            condition.unlock()
            gate?.withdraw(job)
            return false
        }
        job.enqueuedAt = MonotonicClock.now()
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            condition.unlock()
            waiter(job)
            return true
        }
        buffer.append(job)
        condition.signal()
        let notice = arrivalNotice
        arrivalNotice = nil
        condition.unlock()
        notice?()
        return true
    }

    /// No more jobs will be pushed; workers drain what is left, then get nil.
    public func close() {
        condition.lock()
        closed = true
        let idle = waiters
        waiters.removeAll()
        let drained = idle.isEmpty ? [] : drainedLocked()
        let notice = arrivalNotice
        arrivalNotice = nil
        condition.broadcast()
        condition.unlock()
        for handler in drained { handler() }
        for waiter in idle { waiter(nil) }
        notice?()
    }

    /// Stop: the producer is refused from now on (and woken if it waits on a full queue),
    /// and the jobs already queued are handed out marked cancelled — every job taken from
    /// the input gets its one record, `cancelled` — then every taker gets nil.
    public func cancel() {
        condition.lock()
        cancelled = true
        closed = true
        // Takers wait only on an empty queue: they hear of the end now.
        let idle = waiters
        waiters.removeAll()
        let drained = drainedLocked()
        let notice = arrivalNotice
        arrivalNotice = nil
        condition.broadcast()
        condition.unlock()
        gate?.cancel()
        for handler in drained { handler() }
        for waiter in idle { waiter(nil) }
        notice?()
    }

    /// Runs `handler` once, when a taker is first told there is no more work (the queue
    /// closed and drained, or cancelled) — at once if that has happened. The engine learns
    /// here that no new requests will follow.
    public func whenDrained(_ handler: @escaping @Sendable () -> Void) {
        condition.lock()
        let runNow = drainedReported
        if !runNow { drainedHandlers.append(handler) }
        condition.unlock()
        if runNow { handler() }
    }

    /// The producer is blocked on a full queue (tests and diagnostics).
    var isProducerWaiting: Bool {
        condition.withLock { producerWaiting }
    }

    public var isCancelled: Bool {
        condition.withLock { cancelled }
    }

    /// Jobs the queue can take before a push waits.
    public var room: Int {
        condition.withLock { max(0, capacity - buffer.count) }
    }

    /// Waits while the queue is full, as a push would: until the takers have brought it
    /// down to its low-water mark, or it is cancelled. Returns the room then (0 once
    /// cancelled). For a producer that fetches its jobs in batches (queue mode's reader):
    /// it then claims half a queue at once, not one job each time a worker takes one.
    public func waitForRoom() -> Int {
        condition.lock()
        defer { condition.unlock() }
        waitWhileFullLocked()
        return cancelled ? 0 : max(0, capacity - buffer.count)
    }

    /// On a full queue, waits until the takers bring it down to `lowWater` (they clear
    /// `producerWaiting` then) or the queue is cancelled. Called with the lock held.
    private func waitWhileFullLocked() {
        guard buffer.count >= capacity else { return }
        producerWaiting = true
        while producerWaiting && !cancelled {
            condition.wait()
        }
    }

    /// The next job, blocking while the queue is empty; nil when it is closed and drained.
    public func take() -> FetchJob? {
        condition.lock()
        while buffer.isEmpty && !closed {
            condition.wait()
        }
        let job = popLocked()
        let drained = job == nil ? drainedLocked() : []
        condition.unlock()
        for handler in drained { handler() }
        return job
    }

    /// Calls `handler` with the next job (or nil when closed and drained): at once on the
    /// calling thread if one is ready, else later on the producer's thread.
    public func take(_ handler: @escaping Handler) {
        condition.lock()
        if buffer.isEmpty && !closed {
            waiters.append(handler)
            condition.unlock()
            return
        }
        let job = popLocked()
        let drained = job == nil ? drainedLocked() : []
        condition.unlock()
        for handler in drained { handler() }
        handler(job)
    }

    /// What `poll(orNotify:)` found.
    enum Poll {
        case job(FetchJob)
        /// Nothing now: `notice` will be called when a job arrives or the queue closes.
        case empty
        /// Closed and drained (or cancelled and drained): no job will ever come.
        case ended
    }

    /// The next job if one is ready, without waiting. On an empty open queue, `notice` is
    /// kept (replacing an earlier one) and called once, without the queue's lock, on the
    /// thread that next pushes, closes or cancels — in one step with the check, so no
    /// arrival is missed. The frontier's way of pulling: it may hold its own lock while
    /// polling, which `take(_:)` (calling its handler at once) would not allow.
    func poll(orNotify notice: @escaping @Sendable () -> Void) -> Poll {
        condition.lock()
        defer { condition.unlock() }
        if let job = popLocked() { return .job(job) }
        if closed { return .ended }
        arrivalNotice = notice
        return .empty
    }

    /// Under the lock, as a taker is about to hear there is no more work: the drained
    /// handlers to run (after unlocking), the first time only.
    private func drainedLocked() -> [@Sendable () -> Void] {
        guard !drainedReported else { return [] }
        drainedReported = true
        defer { drainedHandlers.removeAll() }
        return drainedHandlers
    }

    private func popLocked() -> FetchJob? {
        guard let job = buffer.popFirst() else { return nil }
        if cancelled { return job.cancelledBeforeStart() }
        // Only the producer waits while the queue is not empty, so `signal` reaches it.
        if producerWaiting && buffer.count <= lowWater {
            producerWaiting = false
            condition.signal()
        }
        return job
    }
}
