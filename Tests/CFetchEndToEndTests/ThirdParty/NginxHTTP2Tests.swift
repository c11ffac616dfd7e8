import Foundation
import Testing

extension ThirdParty {
    /// HTTP/2 multiplexing against nginx: a run's https transfers to one host share the
    /// engine's connection (`CURLOPT_PIPEWAIT`, no fresh-connect tricks), as curl
    /// `--parallel` shares one; `--h2-streams` bounds the streams per connection and
    /// `--http1.1` turns HTTP/2 off. Connections are counted by nginx (`$connection`).
    @Suite("nginx: HTTP/2 multiplexing")
    struct NginxHTTP2Tests {
        static let urlCount = 500
        /// The engine's loops, given explicitly: each loop has its own multi handle, so
        /// its own connection to the host.
        static let loops = 2

        private func urls(_ nginx: NginxHTTP2Server) -> [String] {
            (0..<Self.urlCount).map { nginx.url("/item/\($0)") }
        }

        private func run(
            _ nginx: NginxHTTP2Server, _ options: [String], strategy: String = "callback"
        ) async throws -> (result: ChildProcess.Result, records: [JSONRecord]) {
            try nginx.clearLog()
            return try await withTemporaryDirectory { directory in
                let list = try directory.writeList(urls(nginx))
                let result = try await CFetchBinary.run(
                    [
                        "--strategy", strategy, "--format", "jsonl", "-j", "50", "--loops", String(Self.loops),
                        "--cacert", nginx.certificates.ca,
                    ] + options + [list],
                    timeout: .seconds(60))
                return (result, try JSONRecord.parseLines(result.stdoutText))
            }
        }

        @Test(
            "500 https URLs, -j 50: every record HTTP/2, at most a connection per loop (blocking: per worker)",
            arguments: CFetchBinary.strategies)
        func multiplexed(strategy: String) async throws {
            try await withNginxHTTP2 { nginx in
                let (result, records) = try await run(nginx, [], strategy: strategy)
                #expect(result.exited(0), "\(result)")
                #expect(records.count == Self.urlCount, "\(result)")
                let versions = Set(records.map { $0.string("http_version") ?? "none" })
                #expect(versions == ["2"], "\(versions)")
                let requests = try nginx.requests()
                #expect(requests.count == Self.urlCount && requests.allSatisfy { $0.proto == "HTTP/2.0" })
                // blocking gives each worker thread its own handle and connection, reused.
                let most = strategy == "blocking" ? 50 : Self.loops
                let connections = try nginx.connections()
                #expect(connections <= most, "\(strategy): \(connections) connections")
            }
        }

        @Test("--h2-streams 1 opens a connection per transfer in flight; --http1.1 speaks HTTP/1.1")
        func streamsAndHTTP1() async throws {
            try await withNginxHTTP2 { nginx in
                let single = try await run(nginx, ["--h2-streams", "1"])
                #expect(single.result.exited(0), "\(single.result)")
                #expect(single.records.allSatisfy { $0.string("http_version") == "2" })
                let connections = try nginx.connections()
                #expect(connections > Self.loops * 4, "\(connections) connections")

                let http1 = try await run(nginx, ["--http1.1"])
                #expect(http1.result.exited(0), "\(http1.result)")
                #expect(http1.records.count == Self.urlCount)
                #expect(http1.records.allSatisfy { $0.string("http_version") == "1.1" })
                #expect(try nginx.requests().allSatisfy { $0.proto == "HTTP/1.1" })
            }
        }

        @Test("curl --parallel on the same URLs: one connection (the fixture multiplexes)")
        func curlParallel() async throws {
            try await withNginxHTTP2 { nginx in
                try nginx.clearLog()
                let result = try await ChildProcess.run(
                    "/usr/bin/curl",
                    ["-s", "--parallel", "--parallel-max", "50", "--cacert", nginx.certificates.ca]
                        + urls(nginx).flatMap { ["-o", "/dev/null", $0] },
                    timeout: .seconds(60))
                #expect(result.exited(0), "\(result)")
                #expect(try nginx.requests().count == Self.urlCount)
                #expect(try nginx.connections() == 1)
            }
        }

        @Test("--h2-streams outside 1…1000 is a one-line usage error, exit 2")
        func range() async throws {
            for value in ["0", "1001", "x"] {
                let result = try await CFetchBinary.run(["--h2-streams", value, "https://127.0.0.1:1/"])
                #expect(result.exited(2), "\(value): \(result)")
                #expect(result.stderrLines.count == 1, "\(value): \(result)")
            }
        }
    }
}
