import FetchTestServer
import Foundation
import Testing

/// `--resolve` and `--connect-to`: made-up names (`*.invalid`, which never resolve) reach
/// the test server only through them; curl does the same with the same options.
@Suite("--resolve and --connect-to")
struct HostOverrideTests {
    /// The records by index; none when stdout is not JSONL (the expectations then say so).
    private func records(_ result: ChildProcess.Result) -> [Int: JSONRecord] {
        let records = (try? JSONRecord.parseLines(result.stdoutText)) ?? []
        return Dictionary(
            records.compactMap { record in record.index.map { ($0, record) } }, uniquingKeysWith: { a, _ in a })
    }

    private func curlCode(_ arguments: [String], _ url: String) async throws -> String {
        let curl = try await ChildProcess.run(
            "/usr/bin/curl", ["-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}"] + arguments + [url],
            environment: ProxyTests.noProxyEnvironment)
        return curl.stdoutText
    }

    @Test(
        "--resolve: a made-up name on the given port is the given address; on another port it is not",
        arguments: CFetchBinary.strategies)
    func resolve(strategy: String) async throws {
        try await withServer { server in
            let name = "made-up.invalid"
            let entry = "\(name):\(server.port):127.0.0.1"
            let urls = [
                "http://\(name):\(server.port)/bytes/11", "http://\(name):\(server.port)/bytes/12", "http://\(name):1/",
            ]
            let result = try await CFetchBinary.run(
                [
                    "--strategy", strategy, "--format", "jsonl", "--resolve", entry, "--resolve",
                    "other.invalid:80:127.0.0.1",
                ]
                    + urls,
                environment: ProxyTests.noProxyEnvironment)
            #expect(result.exited(1), "\(result)")
            let byIndex = records(result)
            #expect(byIndex[0]?.bytes == 11 && byIndex[1]?.bytes == 12 && byIndex[0]?.url == urls[0], "\(result)")
            #expect(byIndex[2]?.error == "dns", "\(result)")
            #expect(server.requestCount == 2)
            #expect(try await curlCode(["--resolve", entry], urls[0]) == "200")
        }
    }

    @Test("--resolve with several addresses, IPv6 in brackets, and * for any host")
    func resolveForms() async throws {
        try await withServer { server in
            let result = try await CFetchBinary.run(
                [
                    "--format", "jsonl", "--resolve", "+a.invalid:\(server.port):[::1],127.0.0.1", "--resolve",
                    "*:\(server.port):127.0.0.1", "http://a.invalid:\(server.port)/bytes/3",
                    "http://b.invalid:\(server.port)/bytes/4",
                ],
                environment: ProxyTests.noProxyEnvironment)
            #expect(result.exited(0), "\(result)")
            let byIndex = records(result)
            #expect(byIndex[0]?.bytes == 3 && byIndex[1]?.bytes == 4, "\(result)")
        }
    }

    @Test(
        "--connect-to: a made-up host's port 80 connects to the server; the record keeps the URL",
        arguments: CFetchBinary.strategies)
    func connectTo(strategy: String) async throws {
        try await withServer { server in
            let entry = "made-up.invalid:80:127.0.0.1:\(server.port)"
            let urls = ["http://made-up.invalid/bytes/13", "http://made-up.invalid:81/bytes/14"]
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "--format", "jsonl", "--connect-to", entry, "--connect-to", "::127.0.0.1:1"]
                    + urls,
                environment: ProxyTests.noProxyEnvironment)
            #expect(result.exited(1), "\(result)")
            let byIndex = records(result)
            #expect(
                byIndex[0]?.bytes == 13 && byIndex[0]?.url == urls[0] && byIndex[0]?.effectiveURL == urls[0],
                "\(result)")
            // Port 81 matches only the catch-all entry, which sends it to a closed port.
            #expect(byIndex[1]?.error == "connect", "\(result)")
            #expect(try await curlCode(["--connect-to", entry], urls[0]) == "200")
        }
    }

    @Test("robots.txt is fetched the same way as the URLs: through --resolve")
    func robotsThroughResolve() async throws {
        try await withServer { server in
            let url = "http://made-up.invalid:\(server.port)/bytes/15"
            let result = try await CFetchBinary.run(
                ["--format", "jsonl", "--robots", "--resolve", "made-up.invalid:\(server.port):127.0.0.1", url],
                environment: ProxyTests.noProxyEnvironment)
            #expect(result.exited(0) && records(result)[0]?.bytes == 15, "\(result)")
            #expect(server.portStats(0).requestStarts.map(\.path) == ["/robots.txt", "/bytes/15"])
        }
    }

    /// Politeness is per named host: two names sent to one server are two hosts.
    @Test("--per-host counts the URL's host, not the address --connect-to sends it to")
    func perHostKeysTheURLsHost() async throws {
        try await withServer { server in
            let urls = ["a.invalid", "b.invalid", "a.invalid", "b.invalid"].map { "http://\($0)/delay/300" }
            let result = try await CFetchBinary.run(
                [
                    "--format", "jsonl", "-j", "4", "--per-host", "1", "--connect-to",
                    "a.invalid:80:127.0.0.1:\(server.port)",
                    "--connect-to", "b.invalid:80:127.0.0.1:\(server.port)",
                ] + urls,
                environment: ProxyTests.noProxyEnvironment)
            #expect(result.exited(0), "\(result)")
            #expect(server.peakActiveRequests == 2, "one in flight per named host: \(result)")
        }
    }
}
