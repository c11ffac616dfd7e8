import FetchTestServer
import Foundation
import Testing

@Suite("/headers")
struct HeadersEchoTests {
    @Test func echoesTheRequestHeadersAsJSON() async throws {
        try await withTestServer { server in
            let response = try await fetch(
                server,
                "/headers",
                headers: ["X-Custom: plain value", "User-Agent: tester/1.0"]
            )
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
            #expect(object["X-Custom"] == "plain value")
            #expect(object["User-Agent"] == "tester/1.0")
            #expect(object["Host"] == "127.0.0.1")
        }
    }

    @Test func joinsRepeatedNamesKeepingTheFirstSpelling() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/headers", headers: ["X-Twice: one", "x-twice: two"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
            #expect(object["X-Twice"] == "one, two")
            #expect(object["x-twice"] == nil)
        }
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() async throws {
        try await withTestServer { server in
            let value = "say \"hi\" \\ tab\there"
            let response = try await fetch(server, "/headers", headers: ["X-Tricky: \(value)"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
            #expect(object["X-Tricky"] == value)
        }
    }
}
