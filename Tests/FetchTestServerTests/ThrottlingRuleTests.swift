import FetchTestServer
import Testing

@Suite("/limit and /first throttling rules")
struct ThrottlingRuleTests {
    @Test func limitRefusesExactlyWhenMoreThanNAreInFlightOnItsPort() async throws {
        try await withTestServer(listeners: 2) { server in
            // Two requests held open: with the limited one, 3 in flight, not more than 3.
            let holders = try (0..<3).map { _ in try RawHTTPConnection(port: server.ports[0]) }
            for holder in holders.prefix(2) {
                try holder.sendRequest("/delay/10000")
            }
            #expect(await eventually { server.portStats(0).activeRequests == 2 })
            let allowed = try await fetch(server, "/limit/3/7/bytes/100")
            #expect(allowed.status == 200)
            #expect(allowed.body == expectedBody(count: 100))
            // A third holder: the limited request is the fourth in flight.
            try holders[2].sendRequest("/delay/10000")
            #expect(await eventually { server.portStats(0).activeRequests == 3 })
            let refused = try await fetch(server, "/limit/3/7/bytes/100")
            #expect(refused.status == 429)
            #expect(refused.header("retry-after") == "7")
            #expect(refused.text == "429 Too Many Requests: more than 3 requests in flight\n")
            // The other port's count is its own.
            #expect(try await fetch(server, "/limit/1/7/bytes/100", port: 1).status == 200)
            #expect(server.portStats(0).activeRequests == 3)
        }
    }

    @Test func nPlusOneConcurrentSlowRequestsGiveOne429() async throws {
        try await withTestServer { server in
            let connections = try (0..<4).map { _ in try RawHTTPConnection(port: server.port) }
            for connection in connections {
                try connection.sendRequest("/limit/3/1/delay/3000")
            }
            var statuses: [Int] = []
            for connection in connections {
                let response = try await connection.readResponse()
                statuses.append(response.status)
                if response.status == 429 { #expect(response.header("retry-after") == "1") }
            }
            #expect(statuses == [200, 200, 200, 429])
            #expect(server.portStats(0).peakActiveRequests == 4)
        }
    }

    @Test func zeroSecondsSendsNoRetryAfter() async throws {
        try await withTestServer { server in
            let refused = try await fetch(server, "/limit/0/0/status/200")
            #expect(refused.status == 429)
            #expect(refused.header("retry-after") == nil)
            let first = try await fetch(server, "/first/429/0/status/200")
            #expect(first.status == 429)
            #expect(first.header("retry-after") == nil)
        }
    }

    @Test func firstRefusesTheFirstRequestOfEachTargetOnEachPort() async throws {
        try await withTestServer(listeners: 2) { server in
            let path = "/first/503/2/bytes/10"
            let first = try await fetch(server, path)
            #expect(first.status == 503)
            #expect(first.header("retry-after") == "2")
            #expect(first.text == "503 Service Unavailable: first request for \(path)\n")
            let second = try await fetch(server, path)
            #expect(second.status == 200)
            #expect(second.body == expectedBody(count: 10))
            #expect(try await fetch(server, path).status == 200)
            // Another target, another query, another port: each refused once.
            #expect(try await fetch(server, "/first/503/2/bytes/11").status == 503)
            #expect(try await fetch(server, path + "?again").status == 503)
            #expect(try await fetch(server, path, port: 1).status == 503)
            #expect(try await fetch(server, path, port: 1).status == 200)
            server.resetCounters()
            #expect(try await fetch(server, path).status == 503)
        }
    }

    @Test func rulesForwardTheQueryAndCompose() async throws {
        try await withTestServer { server in
            let drip = try await fetch(server, "/limit/5/0/drip?bytes=5&ms=10")
            #expect(drip.status == 200)
            #expect(drip.body.count == 5)
            #expect(try await fetch(server, "/limit/5/0/first/429/1/status/201").status == 429)
            #expect(try await fetch(server, "/limit/5/0/first/429/1/status/201").status == 201)
            #expect(try await fetch(server, "/first/503/1/nowhere").status == 503)
            #expect(try await fetch(server, "/first/503/1/nowhere").status == 404)
        }
    }

    @Test(arguments: [
        "/limit/3/1", "/limit/x/1/status/200", "/limit/-1/1/status/200", "/limit/1000001/1/status/200",
        "/limit/3/86401/status/200", "/limit/3/+1/status/200", "/first/503/1", "/first/404/1/status/200",
        "/first/503/x/status/200", "/first/429/86401/status/200", "/limit/3/1/status/99",
    ])
    func badArgumentsAreA400(path: String) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, path)
            #expect(response.status == 400)
            #expect(response.text.hasPrefix("bad request: "))
        }
    }
}
