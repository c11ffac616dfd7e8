import FetchTestServer
import Foundation
import Testing

@Suite("/echo, /set-cookie, /basic-auth")
struct RequestEndpointTests {
    private func json(_ response: RawHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func echoShowsMethodHeadersBodyAndCookies() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.send(
                "PUT /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=1; b=two\r\nX-Thing: yes\r\n"
                    + "Content-Length: 5\r\nConnection: close\r\n\r\nhe\u{7F}lo")
            let response = try await connection.readResponse()
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json")
            let object = try json(response)
            #expect(object["method"] as? String == "PUT")
            #expect(object["target"] as? String == "/echo?x=1")
            #expect((object["headers"] as? [String: String])?["x-thing"] == "yes")
            #expect(object["body"] as? String == "he\u{7F}lo")
            #expect(object["body_base64"] as? String == Data("he\u{7F}lo".utf8).base64EncodedString())
            #expect(object["body_bytes"] as? Int == 5)
            #expect(object["cookies"] as? [String: String] == ["a": "1", "b": "two"])
        }
    }

    @Test func setCookieSetsIt() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/set-cookie/session/abc123")
            #expect(response.status == 200)
            #expect(response.header("set-cookie") == "session=abc123; Path=/")
            #expect(try await fetch(server, "/set-cookie/bad/semi;colon").status == 400)
        }
    }

    @Test func basicAuthWantsTheRightCredentials() async throws {
        try await withTestServer { server in
            let none = try await fetch(server, "/basic-auth/alice/s3cret")
            #expect(none.status == 401)
            #expect(none.header("www-authenticate") == "Basic realm=\"cfetch test\"")
            let wrong = "Authorization: Basic " + Data("alice:nope".utf8).base64EncodedString()
            #expect(try await fetch(server, "/basic-auth/alice/s3cret", headers: [wrong]).status == 401)
            let right = "Authorization: Basic " + Data("alice:s3cret".utf8).base64EncodedString()
            #expect(try await fetch(server, "/basic-auth/alice/s3cret", headers: [right]).status == 200)
        }
    }
}
