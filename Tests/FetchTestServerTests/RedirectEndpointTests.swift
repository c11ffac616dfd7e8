import FetchTestServer
import Testing

@Suite("/redirect/N, /redirect-loop, /redirect-to")
struct RedirectEndpointTests {
    @Test func redirectCountsDownRelatively() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/redirect/3")
            #expect(response.status == 302)
            #expect(response.header("location") == "/redirect/2")
        }
    }

    @Test func redirectZeroIsDone() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/redirect/0")
            #expect(response.status == 200)
            #expect(response.text == "done\n")
        }
    }

    @Test func loopPointsAtItself() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/redirect-loop")
            #expect(response.status == 302)
            #expect(response.header("location") == "/redirect-loop")
        }
    }

    @Test(arguments: [
        ("ftp%3A%2F%2Fexample.com%2Ffile", "ftp://example.com/file"),
        ("file%3A%2F%2F%2Fetc%2Fpasswd", "file:///etc/passwd"),
        ("http://127.0.0.1:1/a?b=c%26d", "http://127.0.0.1:1/a?b=c&d"),
    ])
    func redirectToDecodesTheTarget(encoded: String, location: String) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/redirect-to?url=\(encoded)")
            #expect(response.status == 302)
            #expect(response.header("location") == location)
        }
    }

    @Test func redirectToTakesAStatus() async throws {
        try await withTestServer { server in
            let temporary = try await fetch(server, "/redirect-to?url=%2F&status=307")
            let notARedirect = try await fetch(server, "/redirect-to?url=%2F&status=200")
            #expect(temporary.status == 307)
            #expect(notARedirect.status == 400)
        }
    }

    @Test(arguments: [
        "/redirect-to", "/redirect-to?url=", "/redirect-to?url=%0D%0ASet-Cookie:x", "/redirect-to?url=%zz",
    ])
    func redirectToRejectsMissingOrUnsafeTargets(path: String) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, path)
            #expect(response.status == 400)
            #expect(response.header("set-cookie") == nil)
        }
    }

    @Test(.enabled(if: CurlCommand.isAvailable))
    func curlFollowsTheChainToTheEnd() async throws {
        try await withTestServer { server in
            let result = try await CurlCommand.run(
                server.url("/redirect/5"),
                writeOut: "%{http_code} %{num_redirects}",
                extraArguments: ["--location"]
            )
            #expect(result.exitCode == 0)
            #expect(result.output == "200 5")
        }
    }
}
