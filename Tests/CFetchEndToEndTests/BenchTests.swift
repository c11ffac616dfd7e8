import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("cfetch bench")
struct BenchTests {
    @Test("one row per strategy on a list; JSON names every strategy")
    func comparesEveryStrategy() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = (0..<60).map { server.url($0 % 3 == 0 ? "/delay/20" : "/bytes/\($0 * 10)") }
                let list = try directory.writeList(urls)
                let table = try await CFetchBinary.run(
                    ["bench", list, "--strategies", "all", "-j", "10", "--repeat", "1", "--warmup", "0"],
                    timeout: .seconds(60))
                #expect(table.exited(0), "\(table)")
                for strategy in CFetchBinary.strategies {
                    #expect(
                        table.stdoutLines.contains { $0.hasPrefix(strategy + " ") }, "no row for \(strategy): \(table)")
                }
                // One run each: the table names the lowest median, and says why there is no verdict.
                #expect(table.stdoutText.contains("no verdict: 1 run(s) per strategy"), "\(table)")

                let json = try await CFetchBinary.run(
                    ["bench", list, "-j", "10", "--repeat", "1", "--warmup", "0", "--format", "json"],
                    timeout: .seconds(60))
                #expect(json.exited(0), "\(json)")
                let document = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
                let rows = try #require(document["strategies"] as? [[String: Any]])
                #expect(Set(rows.compactMap { $0["strategy"] as? String }) == Set(CFetchBinary.strategies))
                for row in rows {
                    #expect(row["records"] as? Int == 60)
                    let wall = try #require(row["wall_seconds"] as? [String: Any])
                    #expect((wall["median"] as? Double ?? 0) > 0)
                }
            }
        }
    }

    @Test("--report and --trace: an SVG per strategy, nothing from the network; one event per transfer")
    func reportAndTrace() async throws {
        try await withTemporaryDirectory { directory in
            let report = directory.file("bench.html")
            let trace = directory.file("trace.json")
            let result = try await CFetchBinary.run(
                [
                    "bench", "--workload", "mixed", "--count", "40", "--delay", "10", "-j", "8", "--repeat", "1",
                    "--warmup", "0", "--strategies", "callback,blocking", "--report", report, "--trace", trace,
                ],
                timeout: .seconds(60))
            #expect(result.exited(0), "\(result)")
            let html = try String(contentsOfFile: report, encoding: .utf8)
            #expect(html.components(separatedBy: "<svg").count - 1 >= 2)
            for external in ["src=\"http", "href=\"http", "@import", "<link", "url(http"] {
                #expect(!html.contains(external), "the report loads \(external)")
            }
            let events = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: trace)))
                    as? [[String: Any]])
            let transfers = events.filter { $0["ph"] as? String == "X" }
            #expect(transfers.count == 80)
            // Each strategy's process says which of its runs the trace holds.
            let names = events.filter { $0["name"] as? String == "process_name" }.compactMap {
                ($0["args"] as? [String: Any])?["name"] as? String
            }
            #expect(
                names == [
                    "callback: run 1 of 1 (the median wall time)", "blocking: run 1 of 1 (the median wall time)",
                ],
                "\(names)")
            #expect(transfers.allSatisfy { $0["ts"] != nil && $0["pid"] != nil && $0["tid"] != nil })
        }
    }

    @Test("works offline with no list (the built-in workload)")
    func builtInWorkload() async throws {
        let result = try await CFetchBinary.run(
            [
                "bench", "--workload", "latency", "--count", "50", "--delay", "20", "-j", "25", "--repeat", "1",
                "--warmup", "0", "--strategies", "green,structured", "--format", "csv",
            ],
            timeout: .seconds(60))
        #expect(result.exited(0), "\(result)")
        let lines = result.stdoutText.split(separator: "\r\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("strategy,runs,records,wall_s") == true)
    }

    @Test("--size 0: empty bodies in every built-in workload", arguments: ["mixed", "throughput"])
    func emptyBodies(workload: String) async throws {
        let result = try await CFetchBinary.run(
            [
                "bench", "--workload", workload, "--size", "0", "--count", "30", "--delay", "5", "-j", "5",
                "--repeat", "1", "--warmup", "0", "--strategies", "callback,blocking", "--format", "json",
            ],
            timeout: .seconds(60))
        #expect(result.exited(0), "\(result)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let rows = try #require(document["strategies"] as? [[String: Any]])
        #expect(rows.count == 2)
        for row in rows {
            #expect(row["records"] as? Int == 30, "\(row)")
            #expect((row["errors"] as? [String: Any])?["max"] as? Double == 0, "\(row)")
        }
    }

    @Test("--format jsonl: one object per strategy, as fetch's jsonl; text and the old name table are the table")
    func formatsAgreeWithFetch() async throws {
        let common = [
            "bench", "--workload", "throughput", "--size", "10", "--count", "20", "-j", "4", "--repeat", "1",
            "--warmup", "0", "--strategies", "callback,blocking",
        ]
        let lines = try await CFetchBinary.run(common + ["--format", "jsonl"], timeout: .seconds(60))
        #expect(lines.exited(0), "\(lines)")
        let rows = try lines.stdoutLines.filter { !$0.isEmpty }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(rows.map { $0["strategy"] as? String } == ["callback", "blocking"], "\(lines)")
        #expect(rows.allSatisfy { $0["records"] as? Int == 20 && $0["concurrency"] as? Int == 4 }, "\(rows)")
        // One run each is too few for a verdict: no row is the fastest, each is untested.
        #expect(rows.allSatisfy { $0["fastest"] as? Bool == false }, "\(rows)")
        #expect(
            rows.compactMap { ($0["verdict"] as? [String: Any])?["standing"] as? String } == ["untested", "untested"],
            "\(rows)")
        for name in ["text", "table"] {
            let table = try await CFetchBinary.run(common + ["--format", name, "--repeat", "1"], timeout: .seconds(60))
            #expect(table.exited(0) && table.stdoutText.contains("callback"), "\(table)")
        }
    }

    @Test("the list from stdin: piped, or as -; the copy is removed afterwards", arguments: [[], ["-"]])
    func standardInput(arguments: [String]) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = (0..<12).map { server.url("/bytes/\($0)") }.joined(separator: "\n") + "\n"
                let temporary = directory.file("tmp")
                try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
                let result = try await CFetchBinary.run(
                    ["bench"] + arguments + [
                        "--strategies", "callback,green", "--repeat", "2", "--warmup", "1", "--format", "json",
                    ],
                    stdin: .text(urls), environment: ["TMPDIR": temporary], timeout: .seconds(60))
                #expect(result.exited(0), "\(result)")
                let document = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
                let rows = try #require(document["strategies"] as? [[String: Any]])
                #expect(rows.map { $0["records"] as? Int } == [12, 12], "every run re-read the whole list: \(result)")
                #expect(server.requestCount == 2 * 3 * 12)
                #expect(document["workload"] as? String == "stdin")
                #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
            }
        }
    }

    @Test("--repeat 4: every row has a verdict against the leader; the machine's load and the warnings are there")
    func verdictInJSON() async throws {
        let result = try await CFetchBinary.run(
            [
                "bench", "--workload", "throughput", "--count", "40", "-j", "4", "--repeat", "4", "--warmup", "0",
                "--strategies", "callback,green", "--format", "json",
            ],
            timeout: .seconds(60))
        #expect(result.exited(0), "\(result)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let rows = try #require(document["strategies"] as? [[String: Any]])
        let leader = try #require(document["leader"] as? String)
        let verdict = try #require(document["verdict"] as? String)
        #expect(
            verdict.hasPrefix("fastest: \(leader)") || verdict.hasPrefix("no single fastest: \(leader)"), "\(verdict)")
        for row in rows {
            let standing = try #require((row["verdict"] as? [String: Any])?["standing"] as? String)
            let walls = try #require(row["wall_seconds_per_run"] as? [Double])
            #expect(walls.count == 4 && walls.allSatisfy { $0 > 0 })
            if row["strategy"] as? String == leader {
                #expect(["fastest", "tied"].contains(standing))
            } else {
                #expect(["slower", "tied"].contains(standing))
                #expect((row["verdict"] as? [String: Any])?["p_value"] is Double, "\(row)")
            }
        }
        let machine = try #require(document["machine"] as? [String: Any])
        #expect(machine["other_cpu_share"] is Double && machine["processors"] as? Int ?? 0 >= 1, "\(machine)")
        #expect(document["warnings"] is [String])
    }

    /// 8 × /delay/400 at -j 4 for callback, future and green, one run each: the signal
    /// comes while green's run is at the server, after the other two have finished.
    static func interruptDuringThirdStrategy(
        signal: Int32, extraArguments: [String], _ check: (ChildProcess.Result, TestServer) throws -> Void
    ) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/delay/400"), count: 8))
                let bench = try CFetchBinary.start(
                    [
                        "bench", list, "--strategies", "callback,future,green", "-j", "4", "--repeat", "1",
                        "--warmup", "0",
                    ] + extraArguments)
                #expect(await eventually(timeout: .seconds(30)) { server.requestCount >= 2 * 8 + 4 })
                try await server.waitForActiveRequests(4, timeout: .seconds(10))
                bench.send(signal)
                let result = try await bench.wait(timeout: .seconds(10))
                try check(result, server)
                // Green's run was stopped in flight, not finished.
                #expect(server.requestCount < 3 * 8, "\(result)")
            }
        }
    }

    @Test("Ctrl-C: the table of the strategies measured, marked incomplete; exit 130")
    func interrupted() async throws {
        try await Self.interruptDuringThirdStrategy(signal: SIGINT, extraArguments: []) { result, _ in
            #expect(result.exited(130), "\(result)")
            let lines = result.stdoutLines
            #expect(
                lines.contains { $0.hasPrefix("callback") } && lines.contains { $0.hasPrefix("future") }, "\(result)")
            #expect(!lines.contains { $0.hasPrefix("green") }, "\(result)")
            #expect(
                lines.last
                    == "incomplete: interrupted during green, run 1 of 1; measured: callback (1 run), future (1 run)")
            #expect(result.stderrText.contains("bench interrupted"), "\(result)")
        }
    }

    @Test("SIGTERM: the JSON and the report of what finished, marked incomplete; exit 143")
    func terminated() async throws {
        try await withTemporaryDirectory { directory in
            let report = directory.file("bench.html")
            try await Self.interruptDuringThirdStrategy(
                signal: SIGTERM, extraArguments: ["--format", "json", "--report", report]
            ) { result, _ in
                #expect(result.exited(143), "\(result)")
                let document = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
                let rows = try #require(document["strategies"] as? [[String: Any]])
                #expect(rows.compactMap { $0["strategy"] as? String } == ["callback", "future"])
                #expect(rows.allSatisfy { $0["records"] as? Int == 8 })
                #expect(
                    document["incomplete"] as? String
                        == "interrupted during green, run 1 of 1; measured: callback (1 run), future (1 run)")
                let html = try String(contentsOfFile: report, encoding: .utf8)
                #expect(
                    html.contains("Incomplete") && html.contains("strategy-future") && !html.contains("strategy-green"))
            }
        }
    }

    @Test("an unknown strategy is a usage error")
    func unknownStrategy() async throws {
        let result = try await CFetchBinary.run(["bench", "--strategies", "callback,nope"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stderrText.contains("unknown strategy 'nope'"))
    }
}
