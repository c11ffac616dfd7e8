import FetchTestServer
import Testing

@Suite("Connection and request counters")
struct CounterTests {
    @Test func countsConcurrentRequestsAndConnections() async throws {
        try await withTestServer { server in
            // Fifty connections, all requests sent before any response is due.
            let connections = try (0..<50).map { _ in try RawHTTPConnection(port: server.port) }
            for connection in connections {
                try connection.sendRequest("/delay/300")
            }
            for connection in connections {
                #expect(try await connection.readResponse().status == 200)
            }
            #expect(server.peakActiveRequests == 50)
            #expect(server.peakConnections >= 50)
            #expect(server.requestCount == 50)
            #expect(server.activeRequests == 0)
            #expect(server.openConnections == 50)
        }
    }

    @Test func resetStartsANewWindow() async throws {
        try await withTestServer { server in
            let held = try RawHTTPConnection(port: server.port)
            _ = try await fetch(server, "/status/200")
            try held.sendRequest("/delay/2000")
            #expect(await eventually { server.activeRequests == 1 })
            server.resetCounters()
            #expect(server.requestCount == 0)
            #expect(server.peakActiveRequests == 1)
            #expect(await eventually { server.openConnections == 1 })
            #expect(server.peakConnections == 1)
        }
    }

    @Test(arguments: ["/delay/5000", "/bytes/1073741824", "/drip?bytes=100&ms=5000", "/slow-headers/5000"])
    func clientsThatLeaveMidResponseAreNotCountedAnyMore(path: String) async throws {
        try await withTestServer { server in
            do {
                let connection = try RawHTTPConnection(port: server.port)
                try connection.sendRequest(path)
                #expect(await eventually { server.activeRequests == 1 })
            }  // Closed here, mid-response.
            // Well before the response would have ended on its own (5 s, or 1 GiB later).
            #expect(
                await eventually(timeout: .seconds(4)) { server.activeRequests == 0 && server.openConnections == 0 })
            #expect(server.requestCount == 1)
            let response = try await fetch(server, "/status/200")
            #expect(response.status == 200)
        }
    }
}
