import FetchTestServer
import Foundation
import Testing

/// `-x/--proxy`, `--noproxy` and the proxy environment variables libcurl reads itself,
/// through the test server's forward proxy: a URL whose host does not resolve
/// (`*.invalid`) is fetched only if the request went through the proxy, and the server
/// counts the requests sent to it as to a proxy.
@Suite("Proxies")
struct ProxyTests {
    /// No proxy setting of the test runner's own reaches the child.
    static let noProxyEnvironment = [
        "http_proxy": "", "https_proxy": "", "HTTPS_PROXY": "", "ALL_PROXY": "", "all_proxy": "", "NO_PROXY": "",
        "no_proxy": "",
    ]

    /// The records by index; none when stdout is not JSONL (the expectations then say so).
    private func records(_ result: ChildProcess.Result) -> [Int: JSONRecord] {
        let records = (try? JSONRecord.parseLines(result.stdoutText)) ?? []
        return Dictionary(
            records.compactMap { record in record.index.map { ($0, record) } }, uniquingKeysWith: { a, _ in a })
    }

    @Test("-x: URLs of a host that does not resolve are fetched through the proxy", arguments: CFetchBinary.strategies)
    func throughTheProxy(strategy: String) async throws {
        try await withServer { server in
            let urls = (1...3).map { "http://proxied.invalid:\(server.port)/bytes/\($0 * 10)" }
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "--format", "jsonl", "-x", server.proxyURL] + urls,
                environment: Self.noProxyEnvironment)
            #expect(result.exited(0), "\(result)")
            let byIndex = records(result)
            #expect(byIndex.count == 3, "\(result)")
            for (index, record) in byIndex {
                #expect(record.ok == true && record.bytes == (index + 1) * 10 && record.url == urls[index], "\(record)")
            }
            #expect(server.proxiedRequestCount == 3)
        }
    }

    @Test("--noproxy: the hosts it lists go direct, the others through the proxy", arguments: CFetchBinary.strategies)
    func noProxyList(strategy: String) async throws {
        try await withServer { server in
            let direct = server.url("/bytes/5")
            let proxied = "http://proxied.invalid:\(server.port)/bytes/6"
            let result = try await CFetchBinary.run(
                [
                    "--strategy", strategy, "--format", "jsonl", "-x", server.proxyURL, "--noproxy",
                    "example.invalid,127.0.0.1", direct, proxied,
                ],
                environment: Self.noProxyEnvironment)
            #expect(result.exited(0), "\(result)")
            let byIndex = records(result)
            #expect(byIndex[0]?.bytes == 5 && byIndex[1]?.bytes == 6, "\(result)")
            #expect(server.proxiedRequestCount == 1)
            #expect(server.requestCount == 2)

            // * bypasses the proxy for every host: the made-up name is then looked up, and is not found.
            let all = try await CFetchBinary.run(
                ["--strategy", strategy, "--format", "jsonl", "-x", server.proxyURL, "--noproxy", "*", proxied],
                environment: Self.noProxyEnvironment)
            #expect(all.exited(1) && records(all)[0]?.error == "dns", "\(all)")
            #expect(server.proxiedRequestCount == 1)
        }
    }

    @Test("http_proxy from the environment is honoured, as by curl", arguments: CFetchBinary.strategies)
    func environmentProxy(strategy: String) async throws {
        try await withServer { server in
            let url = "http://proxied.invalid:\(server.port)/bytes/7"
            var environment = Self.noProxyEnvironment
            environment["http_proxy"] = server.proxyURL
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "--format", "jsonl", url], environment: environment)
            #expect(result.exited(0) && records(result)[0]?.bytes == 7, "\(result)")
            #expect(server.proxiedRequestCount == 1)

            let curl = try await ChildProcess.run(
                "/usr/bin/curl", ["-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", url],
                environment: environment)
            #expect(curl.exited(0) && curl.stdoutText == "200", "\(curl)")
            #expect(server.proxiedRequestCount == 2)
        }
    }

    /// Each variable as libcurl 7.88 reads it; https_proxy shows in the CONNECT it sends
    /// (the test server answers that 404, so the URL fails, but not with `dns`).
    @Test(
        "ALL_PROXY, all_proxy, https_proxy, HTTPS_PROXY and NO_PROXY from the environment",
        arguments: [
            (["ALL_PROXY": "proxy"], "http", true),
            (["all_proxy": "proxy"], "http", true),
            (["https_proxy": "proxy"], "https", true),
            (["HTTPS_PROXY": "proxy"], "https", true),
            (["http_proxy": "proxy", "NO_PROXY": "proxied.invalid"], "http", false),
            (["http_proxy": "proxy", "no_proxy": "*"], "http", false),
        ])
    func environmentVariables(variables: [String: String], scheme: String, proxied: Bool) async throws {
        try await withServer { server in
            var environment = Self.noProxyEnvironment
            for (name, value) in variables { environment[name] = value == "proxy" ? server.proxyURL : value }
            let url = "\(scheme)://proxied.invalid:\(server.port)/bytes/8"
            let result = try await CFetchBinary.run(["--format", "jsonl", url], environment: environment)
            let record = try #require(records(result)[0], "\(result)")
            let targets = server.portStats(0).requestStarts.map(\.path)
            switch (scheme, proxied) {
            case ("http", true):
                #expect(record.ok == true && server.proxiedRequestCount == 1, "\(result)")
            case ("https", true):
                #expect(record.error != "dns" && targets == ["proxied.invalid:\(server.port)"], "\(result) \(targets)")
            default:
                #expect(record.error == "dns" && server.requestCount == 0, "\(result)")
            }
        }
    }

    @Test("-x overrides http_proxy; -x \"\" turns the environment's proxy off")
    func optionOverridesEnvironment() async throws {
        try await withServer { server in
            let url = "http://proxied.invalid:\(server.port)/bytes/9"
            var environment = Self.noProxyEnvironment
            environment["http_proxy"] = "http://127.0.0.1:1"
            let result = try await CFetchBinary.run(
                ["--format", "jsonl", "-x", server.proxyURL, url], environment: environment)
            #expect(result.exited(0) && records(result)[0]?.bytes == 9, "\(result)")

            environment["http_proxy"] = server.proxyURL
            let none = try await CFetchBinary.run(["--format", "jsonl", "-x", "", url], environment: environment)
            #expect(none.exited(1) && records(none)[0]?.error == "dns", "\(none)")
            #expect(server.proxiedRequestCount == 1)
        }
    }

    @Test("a proxy's password shows nowhere: not in a usage error, a record, or the summary")
    func passwordRedacted() async throws {
        try await withServer { server in
            let secret = "hunter2"
            let bad = try await CFetchBinary.run(["-x", "http://user:\(secret)@127.0.0.1:notaport", server.url("/")])
            #expect(bad.exited(2) && bad.stderrLines.count == 1, "\(bad)")
            #expect(bad.stderrText.contains("user:***@") && !bad.stderrText.contains(secret), "\(bad)")

            // A proxy that refuses connections: the URL fails, and says so without the password.
            let refused = try await CFetchBinary.run(
                ["--format", "jsonl", "-x", "http://user:\(secret)@127.0.0.1:1", server.url("/bytes/1")],
                environment: Self.noProxyEnvironment)
            #expect(refused.exited(1) && records(refused)[0]?.error == "connect", "\(refused)")
            #expect(!refused.stdoutText.contains(secret) && !refused.stderrText.contains(secret), "\(refused)")

            // A proxy from the environment that libcurl cannot use: its message quotes it, password hidden.
            for proxy in ["gopher://user:\(secret)@127.0.0.1:1", "http://user:\(secret)@127.0.0.1:1:x"] {
                var environment = Self.noProxyEnvironment
                environment["http_proxy"] = proxy
                let unusable = try await CFetchBinary.run(
                    ["--format", "jsonl", "http://proxied.invalid/"], environment: environment)
                let message = records(unusable)[0]?.message ?? ""
                #expect(message.contains("user:***@127.0.0.1:1") && !message.contains(secret), "\(unusable)")
                #expect(!unusable.stdoutText.contains(secret) && !unusable.stderrText.contains(secret), "\(unusable)")
            }

            // Through the proxy, with the credentials curl sends it: the run's output has no password either.
            let through = try await CFetchBinary.run(
                [
                    "--format", "jsonl", "-x", "http://user:\(secret)@127.0.0.1:\(server.port)",
                    "http://proxied.invalid:\(server.port)/bytes/2",
                ],
                environment: Self.noProxyEnvironment)
            #expect(through.exited(0), "\(through)")
            #expect(!through.stdoutText.contains(secret) && !through.stderrText.contains(secret), "\(through)")
        }
    }

    @Test("--help names the connection options and the proxy variables honoured")
    func help() async throws {
        let result = try await CFetchBinary.run(["fetch", "--help"])
        #expect(result.exited(0), "\(result)")
        for word in [
            "--proxy", "--noproxy", "--resolve", "--connect-to", "--cacert", "--capath", "--cert", "--key",
            "http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
        ] {
            #expect(result.stdoutText.contains(word), "--help does not mention \(word)")
        }
    }

    @Test("bench passes -x and --resolve on to its runs")
    func benchThroughTheProxy() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList((0..<20).map { "http://proxied.invalid:\(server.port)/bytes/\($0)" })
                let bench = ["bench", list, "--strategies", "callback", "-j", "4", "--repeat", "1", "--warmup", "0"]
                let proxied = try await CFetchBinary.run(
                    bench + ["--format", "json", "-x", server.proxyURL],
                    environment: Self.noProxyEnvironment, timeout: .seconds(60))
                #expect(proxied.exited(0), "\(proxied)")
                #expect(server.proxiedRequestCount == 20 && server.requestCount == 20, "\(proxied)")

                let resolved = try await CFetchBinary.run(
                    bench + ["--format", "json", "--resolve", "proxied.invalid:\(server.port):127.0.0.1"],
                    environment: Self.noProxyEnvironment, timeout: .seconds(60))
                #expect(resolved.exited(0), "\(resolved)")
                #expect(server.proxiedRequestCount == 20 && server.requestCount == 40, "\(resolved)")
            }
        }
    }
}
