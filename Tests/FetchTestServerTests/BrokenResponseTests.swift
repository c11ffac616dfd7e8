import FetchTestServer
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("/reset and /truncated")
struct BrokenResponseTests {
    @Test func resetSendsPartOfTheBodyThenAReset() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest("/reset")
            let head = try await connection.readHead()
            #expect(head.status == 200)
            #expect(head.header("content-length") == "100000")
            let rest = try await connection.readToEnd()
            #expect(rest.errno == ECONNRESET)
            #expect(rest.bytes.count <= 1_000)
        }
    }

    @Test func truncatedSendsPartOfTheBodyThenAFin() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest("/truncated")
            let head = try await connection.readHead()
            #expect(head.status == 200)
            #expect(head.header("content-length") == "10000")
            let rest = try await connection.readToEnd()
            #expect(rest.errno == nil)
            #expect(rest.bytes == expectedBody(count: 1_000))
        }
    }

    @Test(.enabled(if: CurlCommand.isAvailable))
    func curlSeesAResetAsError56() async throws {
        try await withTestServer { server in
            let result = try await CurlCommand.run(server.url("/reset"))
            #expect(result.exitCode == 56)
            #expect(result.output == "200")
        }
    }

    @Test(.enabled(if: CurlCommand.isAvailable))
    func curlSeesATruncationAsError18() async throws {
        try await withTestServer { server in
            let result = try await CurlCommand.run(server.url("/truncated"), writeOut: "%{http_code} %{size_download}")
            #expect(result.exitCode == 18)
            #expect(result.output == "200 1000")
        }
    }

    /// A response that never ends cannot be followed by another on the same connection;
    /// a request pipelined behind it is dropped with the connection, not answered.
    @Test(arguments: ["/truncated", "/reset", "/slow-headers/10"])
    func pipelinedRequestsBehindABrokenResponseAreDropped(path: String) async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\nGET /status/201 HTTP/1.1\r\nHost: x\r\n\r\n")
            let everything = try await connection.readToEnd().bytes
            #expect(!String(decoding: everything, as: UTF8.self).contains("201"))
            #expect(await eventually { server.openConnections == 0 && server.activeRequests == 0 })
            let response = try await fetch(server, "/status/200")
            #expect(response.status == 200)
        }
    }

    @Test func connectionsEndAndCountersSettle() async throws {
        try await withTestServer { server in
            _ = try? await fetch(server, "/reset")
            _ = try? await fetch(server, "/truncated")
            #expect(await eventually { server.openConnections == 0 && server.activeRequests == 0 })
            #expect(server.requestCount == 2)
        }
    }
}
