import Foundation
import Testing

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
                #expect(table.stdoutText.contains("fastest"))

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

    @Test("an unknown strategy is a usage error")
    func unknownStrategy() async throws {
        let result = try await CFetchBinary.run(["bench", "--strategies", "callback,nope"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stderrText.contains("unknown strategy 'nope'"))
    }
}
