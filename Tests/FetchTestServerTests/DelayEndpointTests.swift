import FetchTestServer
import Testing

@Suite("/delay/MS")
struct DelayEndpointTests {
    @Test func answersAfterTheDelay() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            let (response, elapsed) = try await onOwnThread {
                let start = monotonicSeconds()
                try connection.sendRequest("/delay/200")
                let response = try connection.blocking.readResponse()
                return (response, monotonicSeconds() - start)
            }
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            #expect(elapsed >= 0.2)
            #expect(elapsed < 2)
        }
    }

    /// Waiting is a timer on the event loop: one thread serves many waiting requests at once.
    @Test func delaysDoNotBlockTheLoop() async throws {
        try await withTestServer(threads: 1) { server in
            let waiting = try RawHTTPConnection(port: server.port)
            try waiting.sendRequest("/delay/1000")
            let quick = try RawHTTPConnection(port: server.port)
            let (response, elapsed) = try await onOwnThread {
                let start = monotonicSeconds()
                try quick.sendRequest("/delay/0")
                let response = try quick.blocking.readResponse()
                return (response, monotonicSeconds() - start)
            }
            #expect(response.status == 200)
            #expect(elapsed < 0.5)
        }
    }

    @Test(arguments: ["x", "600001", "-5"])
    func rejectsBadDelays(argument: String) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/delay/\(argument)")
            #expect(response.status == 400)
        }
    }
}
