import FetchTestServer
import Testing

@Suite("Several listening ports, each a host")
struct ListenerTests {
    @Test func bindsDistinctPortsWithTheirOwnURLs() throws {
        let server = try TestServer.start(listeners: 3)
        defer { try? server.shutdown() }
        #expect(server.ports.count == 3)
        #expect(Set(server.ports).count == 3)
        #expect(server.ports[0] == server.port)
        #expect(server.baseURL(port: 0) == server.baseURL)
        #expect(server.url("/bytes/1", port: 0) == server.url("/bytes/1"))
        #expect(server.baseURL(port: 2) == "http://127.0.0.1:\(server.ports[2])")
        #expect(server.url("/delay/5", port: 1) == "http://127.0.0.1:\(server.ports[1])/delay/5")
    }

    @Test func portsAnswerIndependently() async throws {
        try await withTestServer(listeners: 2) { server in
            // A response held open on port 0 does not hold back port 1.
            let held = try RawHTTPConnection(port: server.ports[0])
            try held.sendRequest("/delay/10000")
            #expect(await eventually { server.portStats(0).activeRequests == 1 })
            let response = try await fetch(server, "/bytes/10", port: 1)
            #expect(response.status == 200)
            #expect(response.body == expectedBody(count: 10))
            #expect(server.portStats(1).requestCount == 1)
            #expect(server.portStats(0).requestCount == 1)
            #expect(server.requestCount == 2)
        }
    }

    @Test func shutdownClosesEveryListener() async throws {
        let server = try TestServer.start(listeners: 3)
        #expect(try await fetch(server, "/status/200", port: 2).status == 200)
        try server.shutdown()
        for port in server.ports {
            #expect(throws: RawHTTPError.self) { try RawHTTPConnection(port: port) }
        }
    }

    @Test func aThousandPortsServeAsAThousandHosts() async throws {
        try await withTestServer(listeners: 1000) { server in
            #expect(Set(server.ports).count == 1000)
            let last = try await fetch(server, "/status/200", port: 999)
            #expect(last.status == 200)
            let middle = try await fetch(server, "/status/200", port: 500)
            #expect(middle.status == 200)
            #expect(server.portStats(999).requestCount == 1)
            #expect(server.portStats(500).requestCount == 1)
            #expect(server.portStats(0).requestCount == 0)
        }
    }

    @Test(arguments: [0, TestServer.maxListeners + 1])
    func aListenerCountOutOfRangeIsAReadableError(listeners: Int) {
        #expect {
            try TestServer.start(listeners: listeners)
        } throws: { error in
            "\(error)"
                == "cannot listen on 127.0.0.1:0: listeners must be between 1 and 10000, got \(listeners)"
        }
    }
}
