import FetchTestServer
import Testing

@Suite("Keep-alive, pipelining and Connection: close")
struct ConnectionReuseTests {
    @Test func servesSeveralRequestsOnOneConnection() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            for count in [5, 0, 70_000] {
                try connection.sendRequest("/bytes/\(count)")
                #expect(try await connection.readResponse().body.count == count)
            }
            #expect(server.peakConnections == 1)
            #expect(server.requestCount == 3)
        }
    }

    @Test func answersPipelinedRequestsInOrder() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.send(
                "GET /delay/100 HTTP/1.1\r\nHost: x\r\n\r\nGET /status/201 HTTP/1.1\r\nHost: x\r\n\r\nGET /bytes/3 HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            #expect(try await connection.readResponse().status == 200)
            #expect(try await connection.readResponse().status == 201)
            #expect(try await connection.readResponse().body == expectedBody(count: 3))
        }
    }

    @Test func connectionCloseClosesAfterTheResponse() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest("/bytes/10", headers: ["Connection: close"])
            let response = try await connection.readResponse()
            #expect(response.header("connection") == "close")
            let after = try await connection.readToEnd()
            #expect(after.bytes.isEmpty)
            #expect(after.errno == nil)
        }
    }

    @Test func http10WithoutKeepAliveCloses() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.send("GET /bytes/4 HTTP/1.0\r\n\r\n")
            #expect(try await connection.readResponse().body == expectedBody(count: 4))
            #expect(try await connection.readToEnd().bytes.isEmpty)
        }
    }
}
