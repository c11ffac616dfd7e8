import FetchTestServer
import Testing

@Suite("/status/CODE")
struct StatusEndpointTests {
    @Test(arguments: [200, 201, 400, 404, 418, 429, 500, 503, 599])
    func respondsWithTheCode(code: Int) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/status/\(code)")
            #expect(response.status == code)
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            #expect(response.text.hasPrefix(String(code)))
        }
    }

    @Test(arguments: [204, 304])
    func bodylessCodesHaveNoBody(code: Int) async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest("/status/\(code)")
            let response = try await connection.readResponse()
            #expect(response.status == code)
            #expect(response.header("content-length") == nil)
            #expect(response.header("transfer-encoding") == nil)
            // The connection is still in step: the next response parses.
            try connection.sendRequest("/status/200")
            #expect(try await connection.readResponse().status == 200)
        }
    }

    @Test(arguments: ["100", "199", "600", "99", "abc", ""])
    func rejectsCodesThatAreNotFinalStatuses(argument: String) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/status/\(argument)")
            #expect(response.status == 400)
        }
    }
}
