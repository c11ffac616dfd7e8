import FetchTestServer

/// Runs `body` with a fresh local `TestServer` and always shuts it down afterwards.
func withServer<T>(_ body: (TestServer) async throws -> T) async throws -> T {
    try await TestServer.withRunning(body)
}
