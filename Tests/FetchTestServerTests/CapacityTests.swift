import FetchTestServer
import Testing

@Suite("Capacity")
struct CapacityTests {
    /// Both ends live in this process, so this holds 2 × 2,000 descriptors; the server
    /// raises the descriptor limit at start. The requests wait far longer than the test,
    /// so the counts are exact however slowly the connections open, and closing the
    /// clients ends them.
    @Test(.timeLimit(.minutes(1)))
    func holdsTwoThousandWaitingConnections() async throws {
        try await withTestServer { server in
            let connections = try await onOwnThread {
                try (0..<2_000).map { _ in
                    let connection = try RawHTTPConnection(port: server.port)
                    try connection.sendRequest("/delay/600000")
                    return connection
                }
            }
            #expect(await eventually(timeout: .seconds(10)) { server.activeRequests == 2_000 })
            #expect(server.openConnections == 2_000)
            #expect(server.peakActiveRequests == 2_000)
            #expect(server.peakConnections == 2_000)

            // Still answering others while holding them all.
            let response = try await fetch(server, "/status/200")
            #expect(response.status == 200)
            #expect(server.peakActiveRequests == 2_001)

            for connection in connections { connection.close() }
            #expect(
                await eventually(timeout: .seconds(10)) { server.openConnections == 0 && server.activeRequests == 0 })
        }
    }
}
