import FetchTestServer
import Testing

@Suite("/drip?bytes=N&ms=M")
struct DripEndpointTests {
    @Test func spreadsTheBodyOverTheDuration() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            let (head, body, firstArrival, total) = try await onOwnThread {
                let start = monotonicSeconds()
                try connection.sendRequest("/drip?bytes=10&ms=500")
                let head = try connection.blocking.readHead()
                let firstPart = try connection.blocking.readSome(10)
                let firstArrival = monotonicSeconds() - start
                let rest = try connection.blocking.readExactly(10 - firstPart.count)
                return (head, firstPart + rest, firstArrival, monotonicSeconds() - start)
            }
            #expect(head.status == 200)
            #expect(head.header("content-length") == "10")
            #expect(body == expectedBody(count: 10))
            #expect(firstArrival < 0.35)
            #expect(total >= 0.45)
            #expect(total < 2)
        }
    }

    @Test func defaultsToTenBytes() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/drip?ms=0")
            #expect(response.status == 200)
            #expect(response.body == expectedBody(count: 10))
        }
    }

    @Test(arguments: ["/drip?bytes=x", "/drip?ms=-1", "/drip?bytes=20000000"])
    func rejectsBadParameters(path: String) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, path)
            #expect(response.status == 400)
        }
    }
}
