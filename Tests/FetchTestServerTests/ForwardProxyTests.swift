import FetchTestServer
import Testing

/// Every port is also a CONNECT-less forward proxy: an absolute-form target is answered as
/// its origin would, marked `Via`, and counted.
@Suite("Forward proxy")
struct ForwardProxyTests {
    @Test func answersAnAbsoluteFormTargetAsTheOriginMarkedAndCounted() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "http://proxied.invalid:81/bytes/5")
            #expect(response.status == 200)
            #expect(response.body == expectedBody(count: 5))
            #expect(response.header("via") == "1.1 cfetch-test-proxy")
            #expect(server.proxiedRequestCount == 1)
            #expect(server.portStats(0).requestStarts.map(\.path) == ["http://proxied.invalid:81/bytes/5"])
        }
    }

    @Test func originFormRequestsAreNeitherMarkedNorCounted() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/bytes/5")
            #expect(response.status == 200)
            #expect(response.header("via") == nil)
            #expect(server.proxiedRequestCount == 0)
            #expect(server.requestCount == 1)
        }
    }

    @Test func resetCountersForgetsProxiedRequests() async throws {
        try await withTestServer { server in
            _ = try await fetch(server, "http://proxied.invalid/status/204")
            #expect(server.proxiedRequestCount == 1)
            server.resetCounters()
            #expect(server.proxiedRequestCount == 0)
        }
    }

    @Test(.enabled(if: CurlCommand.isAvailable)) func curlGoesThroughIt() async throws {
        try await withTestServer { server in
            let result = try await CurlCommand.run(
                "http://proxied.invalid:\(server.port)/bytes/3", writeOut: "%{http_code} %{size_download}",
                extraArguments: ["--proxy", server.proxyURL])
            #expect(result.exitCode == 0 && result.output == "200 3", "\(result)")
            #expect(server.proxiedRequestCount == 1)
        }
    }
}
