import FetchTestServer

/// Runs `body` with a fresh local `TestServer` and always shuts it down afterwards.
func withServer<T>(_ body: (TestServer) async throws -> T) async throws -> T {
    let server = try TestServer.start()
    do {
        let value = try await body(server)
        try await server.shutdownGracefully()
        return value
    } catch {
        try? await server.shutdownGracefully()
        throw error
    }
}
