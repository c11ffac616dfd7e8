import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cfetch bench --tools`, against the real tools, and the engine settings as rows.
@Suite("cfetch bench: other tools and swept settings")
struct BenchToolsTests {
    private static func rows(_ result: ChildProcess.Result) throws -> [[String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        return try #require(document["strategies"] as? [[String: Any]])
    }

    /// The tools `make test` installs, when this machine has them.
    private static let installed = ["curl", "wget2", "aria2c", "h2load"].filter { name in
        ["/usr/bin/", "/usr/local/bin/", "/bin/"].contains { access($0 + name, X_OK) == 0 }
    }

    @Test("every installed tool runs the whole list: its row is external, with no transfer times and no errors")
    func toolsRunTheList() async throws {
        try #require(Self.installed.contains("curl"), "curl is installed by make deps")
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // Over 1,000: aria2c reports only its last 1,000 results unless told otherwise.
                let count = 1_100
                let list = try directory.writeList((0..<count).map { server.url("/bytes/\($0 % 300)?i=\($0)") })
                let result = try await CFetchBinary.run(
                    [
                        "bench", list, "--strategies", "callback", "--tools", Self.installed.joined(separator: ","),
                        "-j", "16", "--repeat", "1", "--warmup", "0", "--format", "json",
                    ],
                    timeout: .seconds(120))
                #expect(result.exited(0), "\(result)")
                let rows = try Self.rows(result)
                #expect(rows.compactMap { $0["name"] as? String } == ["callback"] + Self.installed, "\(result)")
                for row in rows.dropFirst() {
                    #expect(row["external"] as? Bool == true && row["strategy"] is NSNull, "\(row)")
                    #expect(row["records"] as? Int == count, "\(row)")
                    #expect((row["errors"] as? [String: Any])?["median"] as? Double == 0, "\(row)")
                    #expect(row["latency_p50"] is NSNull && row["transfer_mean"] is NSNull, "\(row)")
                    #expect(((row["wall_seconds"] as? [String: Any])?["median"] as? Double ?? 0) > 0, "\(row)")
                }
                // Each row fetched every URL (h2load too: its clients share the list's count).
                #expect(server.requestCount == count * rows.count, "\(server.requestCount) requests")
            }
        }
    }

    @Test("a tool that is not installed is named on stderr and under the table, and the bench goes on (exit 0)")
    func missingTool() async throws {
        let candidates = ["/usr/bin/curl", "/bin/curl"]
        let curl = try #require(candidates.first { access($0, X_OK) == 0 })
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // A PATH that holds curl and nothing else.
                let bin = directory.file("bin")
                try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: false)
                try FileManager.default.createSymbolicLink(atPath: bin + "/curl", withDestinationPath: curl)
                let list = try directory.writeList((0..<10).map { server.url("/bytes/10?i=\($0)") })
                let result = try await CFetchBinary.run(
                    [
                        "bench", list, "--strategies", "green", "--tools", "curl,aria2c", "--repeat", "1", "--warmup",
                        "0",
                    ],
                    environment: ["PATH": bin], timeout: .seconds(60))
                #expect(result.exited(0), "\(result)")
                let line = "not run: aria2c: not installed (apt-get install aria2)"
                #expect(result.stderrText.contains(line), "\(result)")
                #expect(result.stdoutLines.contains(line), "\(result)")
                #expect(result.stdoutLines.contains { $0.hasPrefix("curl ") }, "\(result)")
            }
        }
    }

    @Test("h2load is left out of a list over two origins, with the reason")
    func h2loadNeedsOneOrigin() async throws {
        try await withServer(listeners: 2) { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/1", port: 0), server.url("/bytes/1", port: 1)])
                let result = try await CFetchBinary.run(
                    ["bench", list, "--strategies", "callback", "--tools", "h2load", "--repeat", "1", "--warmup", "0"],
                    timeout: .seconds(60))
                #expect(result.exited(0), "\(result)")
                #expect(
                    result.stdoutLines.contains { $0.hasPrefix("not run: h2load:") }, "\(result)")
            }
        }
    }

    @Test("--loops 1,2 --poller epoll,poll: a row per combination for each strategy, one for blocking")
    func sweptSettings() async throws {
        let result = try await CFetchBinary.run(
            [
                "bench", "--workload", "throughput", "--count", "30", "-j", "4", "--repeat", "1", "--warmup", "0",
                "--strategies", "callback,blocking", "--loops", "1,2", "--poller", "epoll,poll", "--format", "json",
            ],
            timeout: .seconds(120))
        #expect(result.exited(0), "\(result)")
        let rows = try Self.rows(result)
        #expect(
            rows.compactMap { $0["name"] as? String } == [
                "callback loops=1 epoll", "callback loops=1 poll", "callback loops=2 epoll", "callback loops=2 poll",
                "blocking",
            ], "\(result)")
        #expect(rows.first?["loops"] as? Int == 1 && rows.first?["poller"] as? String == "epoll")
        #expect(rows.last?["loops"] is NSNull && rows.last?["strategy"] as? String == "blocking")
        #expect(rows.allSatisfy { $0["records"] as? Int == 30 }, "\(rows)")
    }

    @Test("bad values: an unknown tool, a loop count out of range, an unknown poller: exit 2, one line")
    func badValues() async throws {
        for (arguments, message) in [
            (["--tools", "curl,wget3"], "unknown tool 'wget3'"),
            (["--loops", "1,0"], "--loops must be between 1 and 256"),
            (["--loops", "1,,2"], "--loops has an empty value"),
            (["--poller", "epoll,kqueue"], "unknown poller 'kqueue'"),
        ] {
            let result = try await CFetchBinary.run(["bench"] + arguments)
            #expect(result.exited(2), "\(arguments): \(result)")
            #expect(result.stderrText.contains(message), "\(arguments): \(result)")
        }
    }
}
