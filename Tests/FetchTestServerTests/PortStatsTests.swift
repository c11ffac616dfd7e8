import Testing

@testable import FetchTestServer

@Suite("Per-port statistics")
struct PortStatsTests {
    @Test func peaksCountOnlyTheirPortsRequests() async throws {
        try await withTestServer(listeners: 2) { server in
            let connections = try (0..<3).map { _ in try RawHTTPConnection(port: server.ports[1]) }
            for connection in connections {
                try connection.sendRequest("/delay/300")
            }
            try await server.waitForActiveRequests(3, port: 1, timeout: .seconds(10))
            #expect(server.portStats(0).activeRequests == 0)
            await #expect {
                try await server.waitForActiveRequests(1, port: 0, timeout: .milliseconds(50))
            } throws: { error in
                "\(error)" == "expected 1 requests in flight at port \(server.ports[0]), saw 0"
            }
            for connection in connections {
                #expect(try await connection.readResponse().status == 200)
            }
            #expect(try await fetch(server, "/status/200", port: 0).status == 200)
            let busy = server.portStats(1)
            let quiet = server.portStats(0)
            #expect(busy.peakActiveRequests == 3)
            #expect(busy.requestCount == 3)
            #expect(quiet.peakActiveRequests == 1)
            #expect(quiet.requestCount == 1)
            #expect(await eventually { server.portStats(1).activeRequests == 0 })
            // The server-wide counters still see every port.
            #expect(server.peakActiveRequests == 3)
            #expect(server.requestCount == 4)
        }
    }

    @Test func requestStartsKeepArrivalOrderPathsAndTimes() async throws {
        try await withTestServer(listeners: 2) { server in
            let connection = try RawHTTPConnection(port: server.ports[1])
            let paths = ["/status/200", "/delay/200", "/bytes/10?x=1", "/headers"]
            for path in paths {
                try connection.sendRequest(path)
                #expect(try await connection.readResponse().status == 200)
            }
            let starts = server.portStats(1).requestStarts
            #expect(starts.map(\.path) == paths)
            #expect(starts.first.map { $0.seconds >= 0 } == true)
            #expect(zip(starts, starts.dropFirst()).allSatisfy { $0.seconds <= $1.seconds })
            // The request after /delay/200 starts at least 200 ms after it: real seconds.
            #expect(starts[2].seconds - starts[1].seconds >= 0.2)
            #expect(starts[3].seconds <= server.secondsSinceStart)
            #expect(server.portStats(0).requestStarts.isEmpty)
        }
    }

    @Test func resetClearsEveryPortsData() async throws {
        try await withTestServer(listeners: 2) { server in
            #expect(try await fetch(server, "/status/200", port: 0).status == 200)
            #expect(try await fetch(server, "/status/200", port: 1).status == 200)
            let held = try RawHTTPConnection(port: server.ports[1])
            try held.sendRequest("/delay/5000")
            #expect(await eventually { server.portStats(1).activeRequests == 1 })
            server.resetCounters()
            for index in 0..<2 {
                let stats = server.portStats(index)
                #expect(stats.requestCount == 0)
                #expect(stats.requestStarts.isEmpty)
                #expect(stats.peakActiveRequests == stats.activeRequests)
            }
            #expect(server.portStats(1).activeRequests == 1)
        }
    }

    @Test func theStartLogKeepsOnlyTheLatestStarts() {
        var log = RequestStartLog(capacity: 3)
        for second in 0..<5 {
            log.append(RequestStart(path: "/\(second)", seconds: Double(second)))
        }
        #expect(log.inArrivalOrder.map(\.path) == ["/2", "/3", "/4"])
        log.removeAll()
        log.append(RequestStart(path: "/5", seconds: 5))
        #expect(log.inArrivalOrder.map(\.path) == ["/5"])
        #expect(RequestStartLog().capacity == 100_000)
    }
}
