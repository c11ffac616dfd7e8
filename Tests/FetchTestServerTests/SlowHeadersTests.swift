import FetchTestServer
import Testing

@Suite("/slow-headers/MS")
struct SlowHeadersTests {
    @Test func firstByteIsEarlyButTheHeadCompletesLate() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            let (firstBytes, firstArrival, rest, total) = try await onOwnThread {
                let start = monotonicSeconds()
                try connection.sendRequest("/slow-headers/300")
                let firstBytes = try connection.blocking.readSome(1_000)
                let firstArrival = monotonicSeconds() - start
                let rest = try connection.blocking.readToEnd()
                return (firstBytes, firstArrival, rest, monotonicSeconds() - start)
            }
            let first = String(decoding: firstBytes, as: UTF8.self)
            #expect(first.hasPrefix("HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\n"))
            #expect(!first.contains("\r\n\r\n"))
            #expect(firstArrival < 0.2)

            // The rest of the head and the body come after the delay, then a clean close.
            #expect(total >= 0.3)
            #expect(rest.errno == nil)
            let body = "slow headers: waited 300 ms\n"
            let complete = String(decoding: firstBytes + rest.bytes, as: UTF8.self)
            #expect(complete.lowercased().contains("\r\ncontent-length: \(body.utf8.count)\r\n"))
            #expect(complete.hasSuffix("\r\n\r\n" + body))
        }
    }

    @Test func theConnectionClosesAfterwardsAndTheCountsSettle() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/slow-headers/10")
            #expect(response.status == 200)
            #expect(response.header("connection") == "close")
            #expect(await eventually { server.openConnections == 0 && server.activeRequests == 0 })
        }
    }
}
