import FetchTestServer
import Testing

@Suite("Index, unknown paths and bad requests")
struct IndexAndErrorTests {
    @Test func indexListsTheEndpoints() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            for endpoint in [
                "/bytes/N", "/delay/MS", "/status/CODE", "/redirect/N", "/drip", "/reset", "/truncated",
                "/slow-headers/MS", "/headers",
            ] {
                #expect(response.text.contains(endpoint))
            }
        }
    }

    @Test func unknownPathIsA404WithATextBody() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/no/such/thing")
            #expect(response.status == 404)
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            #expect(response.text.contains("/no/such/thing"))
        }
    }

    @Test func headGetsTheHeadWithoutTheBody() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest("/", method: "HEAD")
            let head = try await connection.readResponse(bodyless: true)
            #expect(head.status == 200)
            #expect(Int(head.header("content-length") ?? "") ?? 0 > 0)
            // The next response on the same connection starts right away: no body bytes came between.
            try connection.sendRequest("/status/201")
            #expect(try await connection.readResponse().status == 201)
        }
    }

    @Test func everyEndpointTakesOtherMethods() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/bytes/10", method: "DELETE")
            #expect(response.status == 200)
            #expect(response.body.count == 10)
        }
    }

    @Test func malformedRequestGetsA400AndTheServerCarriesOn() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.send("THIS IS NOT HTTP\r\n\r\n")
            #expect(try await connection.readHead().status == 400)
            #expect(try await fetch(server, "/").status == 200)
        }
    }
}
