import FetchQueue
import FetchTestServer
import RedisTestSupport

/// Opens a connection to `url` on a thread of its own and runs `body` with it there: the
/// connection blocks, and it never leaves that thread (it is not `Sendable`). Timeouts
/// short enough that a test that goes wrong fails in seconds, not minutes.
func withConnection<T: Sendable>(
    to url: RedisURL, connectTimeout: Duration = .seconds(2), commandTimeout: Duration = .seconds(5),
    _ body: @escaping @Sendable (RedisConnection) throws -> T
) async throws -> T {
    try await onOwnThread {
        let connection = try RedisConnection(
            url: url, connectTimeout: connectTimeout, commandTimeout: commandTimeout)
        defer { connection.close() }
        return try body(connection)
    }
}

/// Runs `body` on a thread of its own, timing it: for failures that must come quickly.
func timed<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> (T, Duration) {
    try await onOwnThread {
        let start = ContinuousClock.now
        let result = try body()
        return (result, ContinuousClock.now - start)
    }
}

/// What `body` threw, or nil: for checking a `RedisError`'s fields.
func redisError(_ body: () throws -> Void) -> RedisError? {
    do {
        try body()
        return nil
    } catch let error as RedisError {
        return error
    } catch {
        return RedisError(.other, context: "test", message: "not a RedisError: \(error)")
    }
}
