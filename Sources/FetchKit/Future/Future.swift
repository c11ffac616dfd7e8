import Dispatch
import Synchronization

/// A value that will be there later, on a loop: the `future` strategy's building block,
/// with SwiftNIO's `EventLoopFuture` as the model.
///
/// Every callback runs on the loop thread. Registering a callback from another thread
/// hops to the loop first. A future is completed exactly once, through its `Promise`.
public final class Future<Value: Sendable>: @unchecked Sendable {  // guarded: loop-only state, asserted
    public let loop: any FutureLoop
    /// Loop-thread state, as NIO's `EventLoopFuture` keeps it: read by the combinators in
    /// this folder, written by `setResult`, each asserting the loop thread.
    private var storedResult: Result<Value, any Error>?
    private var callbacks = CallbackList()

    /// The result once complete; loop thread only.
    var result: Result<Value, any Error>? {
        assertOnLoop()
        return storedResult
    }

    init(loop: any FutureLoop, result: Result<Value, any Error>? = nil) {
        self.loop = loop
        storedResult = result
    }

    /// Calls `callback` with the result once it is there (at once if it is, on the loop).
    public func whenComplete(_ callback: @escaping @Sendable (Result<Value, any Error>) -> Void) {
        onLoop {
            self.addCallback {
                callback(self.result!)
                return CallbackList()
            }
        }
    }

    public func whenSuccess(_ callback: @escaping @Sendable (Value) -> Void) {
        whenComplete { if case .success(let value) = $0 { callback(value) } }
    }

    public func whenFailure(_ callback: @escaping @Sendable (any Error) -> Void) {
        whenComplete { if case .failure(let error) = $0 { callback(error) } }
    }

    /// Blocks the calling thread until the result is there. Never on the loop thread: the
    /// result could then never arrive.
    @available(*, noasync, message: "wait() blocks the thread; use get() in async code")
    public func wait() throws -> Value {
        precondition(!loop.inLoopThread, "Future.wait() called on its loop thread: that would deadlock")
        let ready = DispatchSemaphore(value: 0)
        let box = ResultBox<Value>()
        whenComplete { result in
            box.result.withLock { $0 = result }
            ready.signal()
        }
        ready.wait()
        guard let result = box.result.withLock({ $0 }) else { preconditionFailure("woken without a result") }
        return try result.get()
    }

    /// The value, awaited without blocking a thread.
    public func get() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            whenComplete { continuation.resume(with: $0) }
        }
    }

    // MARK: Internals shared with Promise and the combinators

    /// Runs `work` on the loop: now if already there, else in a later turn.
    func onLoop(_ work: @escaping @Sendable () -> Void) {
        if loop.inLoopThread { work() } else { loop.execute(work) }
    }

    /// Loop thread: queues `callback`, or runs it (and what it makes ready) if complete.
    func addCallback(_ callback: @escaping CallbackList.Callback) {
        assertOnLoop()
        if storedResult == nil {
            callbacks.append(callback)
        } else {
            var list = CallbackList()
            list.append(callback)
            list.run()
        }
    }

    /// Loop thread: stores the result and hands back the callbacks now due, for the
    /// caller to run (or to return to a `CallbackList.run()` already in progress).
    func setResult(_ value: Result<Value, any Error>) -> CallbackList {
        assertOnLoop()
        guard storedResult == nil else { return CallbackList() }
        storedResult = value
        let due = callbacks
        callbacks = CallbackList()
        return due
    }

    /// Loop thread: when this completes, complete `promise`'s future with `transform` of
    /// the result, chaining the callbacks without recursion.
    func cascade<Other>(
        to future: Future<Other>, _ transform: @escaping (Result<Value, any Error>) -> Result<Other, any Error>
    ) {
        addCallback { future.setResult(transform(self.result!)) }
    }

    /// Traps in debug builds off the loop's thread.
    private func assertOnLoop(file: StaticString = #fileID, line: UInt = #line) {
        assert(loop.inLoopThread, "a future's state was touched off its loop's thread", file: file, line: line)
    }
}

/// Carries a result from the loop thread to a thread blocked in `wait()`.
private final class ResultBox<Value: Sendable>: Sendable {
    let result = Locked<Result<Value, any Error>?>(nil)
}
