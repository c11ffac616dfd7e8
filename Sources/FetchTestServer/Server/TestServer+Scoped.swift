extension TestServer {
    /// Runs `body` with a freshly started server, listening on `listeners` loopback ports,
    /// and always shuts it down afterwards, awaiting the shutdown rather than blocking a
    /// thread of Swift's concurrency pool.
    public static func withRunning<Result>(
        threads: Int = 1,
        listeners: Int = 1,
        _ body: (TestServer) async throws -> Result
    ) async throws -> Result {
        let server = try TestServer.start(threads: threads, listeners: listeners)
        do {
            let result = try await body(server)
            try await server.shutdownGracefully()
            return result
        } catch {
            try? await server.shutdownGracefully()
            throw error
        }
    }
}
