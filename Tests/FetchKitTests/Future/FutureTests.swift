import FetchKit
import FetchTestServer
import Synchronization
import Testing

@Suite("Future and Promise")
struct FutureTests {
    private struct Failure: Error, Equatable {}

    /// A loop to run futures on: the engine's own (no transfers are made).
    private func withLoop<T>(_ body: (FetchEngine) async throws -> T) async throws -> T {
        let engine = try FetchEngine(options: FetchOptions(), maxConnections: 1)
        defer { engine.shutdown() }
        return try await body(engine)
    }

    @Test("map and flatMap transform values in order; failures pass through")
    func combinators() async throws {
        try await withLoop { loop in
            let promise = loop.makePromise(of: Int.self)
            let chained = promise.futureResult
                .map { $0 * 2 }
                .flatMap { value in loop.makeSucceededFuture("\(value)!") }
            promise.succeed(21)
            let value = try await chained.get()
            #expect(value == "42!")

            let failing = loop.makeFailedFuture(Failure()).map { (value: Int) in value + 1 }
            await #expect(throws: Failure.self) { try await failing.get() }
            let recovered = try await failing.recover { _ in 7 }.get()
            #expect(recovered == 7)
        }
    }

    @Test("callbacks run on the loop thread, whoever completes the promise")
    func callbacksOnTheLoop() async throws {
        try await withLoop { loop in
            let promise = loop.makePromise(of: Bool.self)
            let onLoop = promise.futureResult.map { _ in loop.inLoopThread }
            promise.succeed(true)  // from this (non-loop) thread
            let ranOnLoop = try await onLoop.get()
            #expect(ranOnLoop)
        }
    }

    @Test("a chain of 100,000 completed futures runs without deepening the stack")
    func longChainIsIterative() async throws {
        try await withLoop { loop in
            // Built and completed on the loop: each link's callbacks come back as a list
            // for the running CallbackList to work through, not as nested calls.
            let result = try await onOwnThread {
                let promise = loop.makePromise(of: Int.self)
                var future = promise.futureResult
                for _ in 0..<100_000 {
                    future = future.flatMap { loop.makeSucceededFuture($0 + 1) }
                }
                promise.succeed(0)
                return try future.wait()
            }
            #expect(result == 100_000)
        }
    }

    @Test("a worker-style chain of 100,000 asynchronous steps completes")
    func longAsyncChain() async throws {
        try await withLoop { loop in
            let done = loop.makePromise(of: Int.self)
            let steps = Locked(0)
            @Sendable func step() {
                let next = loop.makePromise(of: Void.self)
                loop.execute { next.succeed(()) }
                next.futureResult.whenComplete { _ in
                    let count = steps.withLock { count in
                        count += 1
                        return count
                    }
                    if count == 100_000 { done.succeed(count) } else { step() }
                }
            }
            step()
            let completed = try await done.futureResult.get()
            #expect(completed == 100_000)
        }
    }

    @Test("whenAllComplete gathers every result in order")
    func whenAllComplete() async throws {
        try await withLoop { loop in
            let promises = (0..<5).map { _ in loop.makePromise(of: Int.self) }
            let all = Future.whenAllComplete(promises.map(\.futureResult), on: loop)
            for (value, promise) in promises.enumerated().reversed() {
                if value == 2 { promise.fail(Failure()) } else { promise.succeed(value) }
            }
            let results = try await all.get()
            let values: [Int?] = results.map { try? $0.get() }
            #expect(values == [0, 1, nil, 3, 4])
        }
    }
}
