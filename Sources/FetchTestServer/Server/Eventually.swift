/// Waits for an observable condition instead of sleeping to reach a moment: checks it
/// every millisecond for at most `timeout` (a guard against hanging, not a time limit
/// under test). False if it never held.
public func eventually(timeout: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        if ContinuousClock.now > deadline { return false }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return true
}

extension TestServer {
    /// The server's (or one port's) requests did not reach the awaited count in time.
    public struct NotReached: Error, CustomStringConvertible {
        public let expected: Int
        public let actual: Int
        /// The port waited on, nil for the whole server.
        public var port: Int? = nil
        public var description: String {
            "expected \(expected) requests in flight at \(port.map { "port \($0)" } ?? "the server"), saw \(actual)"
        }
    }

    /// Waits until exactly `count` requests are in flight at the server (the moment a test
    /// wants to act in, such as a signal with transfers under way); throws after `timeout`.
    public func waitForActiveRequests(_ count: Int, timeout: Duration) async throws {
        guard await eventually(timeout: timeout, { activeRequests == count }) else {
            throw NotReached(expected: count, actual: activeRequests)
        }
    }

    /// Waits until exactly `count` requests are in flight on port `index` (of ``ports``),
    /// whatever the other ports have; throws after `timeout`.
    public func waitForActiveRequests(_ count: Int, port index: Int, timeout: Duration) async throws {
        guard await eventually(timeout: timeout, { counters.activeRequests(port: index) == count }) else {
            throw NotReached(expected: count, actual: counters.activeRequests(port: index), port: ports[index])
        }
    }
}
