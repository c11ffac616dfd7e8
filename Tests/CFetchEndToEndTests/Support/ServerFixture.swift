import FetchTestServer

/// Runs `body` with a fresh local `TestServer` and always shuts it down afterwards.
func withServer<T>(_ body: (TestServer) async throws -> T) async throws -> T {
    try await TestServer.withRunning(body)
}

/// Runs `body` with a fresh local `TestServer` listening on `listeners` ports — each port
/// a host to the frontier — and always shuts it down afterwards.
func withServer<T>(listeners: Int, _ body: (TestServer) async throws -> T) async throws -> T {
    try await TestServer.withRunning(listeners: listeners, body)
}
