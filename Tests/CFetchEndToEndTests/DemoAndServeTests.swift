import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("demo and serve")
struct DemoAndServeTests {
    @Test("demo --count 40 -j 8: text report with per-task and total times, exit 0", arguments: CFetchBinary.strategies)
    func demo(strategy: String) async throws {
        let result = try await CFetchBinary.run(
            ["demo", "--strategy", strategy, "--count", "40", "-j", "8"],
            timeout: .seconds(25)
        )
        #expect(result.exited(0), "\(result)")
        let lines = result.stdoutLines
        #expect(lines.last?.hasPrefix("Total elapsed time") == true, "\(result)")
        #expect(lines.last?.contains("(40 URLs") == true, "\(result)")
        let perTask = lines.filter {
            $0.range(of: #"^task +\d+ total elapsed time "#, options: .regularExpression) != nil
        }
        #expect(!perTask.isEmpty && perTask.count <= 8, "\(result)")
        let events = lines.filter { $0.range(of: #"^task \d+ (got|failed) "#, options: .regularExpression) != nil }
        #expect(events.count == 40, "one event line per URL: \(result)")
        #expect(!result.stderrText.contains("Fatal error"))
    }

    @Test("demo --format jsonl: 40 records, their strategy", arguments: CFetchBinary.strategies)
    func demoJSONL(strategy: String) async throws {
        let result = try await CFetchBinary.run(
            ["demo", "--strategy", strategy, "--count", "40", "-j", "8", "--format", "jsonl"],
            timeout: .seconds(25)
        )
        #expect(result.exited(0), "\(result)")
        let records = try JSONRecord.parseLines(result.stdoutText)
        #expect(records.count == 40)
        expectIndexesCover(records, count: 40)
        for record in records { expectWellFormed(record, strategy: strategy, workers: 8) }
    }

    @Test(
        "serve --port 0: announces its URL, serves cfetch, exits 0 on SIGTERM or SIGINT",
        arguments: [SIGTERM, SIGINT]
    )
    func serve(stopSignal: Int32) async throws {
        let server = try CFetchBinary.start(["serve", "--port", "0"])
        let announced = try await server.waitForStdout(containing: "\n", timeout: .seconds(10))
        let prefix = "cfetch test server listening on http://127.0.0.1:"
        let line = try #require(announced.split(separator: "\n").first.map(String.init))
        #expect(line.hasPrefix(prefix), "\(line.debugDescription)")
        let port = try #require(Int(line.dropFirst(prefix.count)), "\(line.debugDescription)")
        #expect((1...65535).contains(port))

        let fetch = try await CFetchBinary.run(
            ["--format", "jsonl"],
            stdin: .text("http://127.0.0.1:\(port)/bytes/10\nhttp://127.0.0.1:\(port)/status/204\n")
        )
        #expect(fetch.exited(0), "\(fetch)")
        let records = try JSONRecord.parseLines(fetch.stdoutText)
        #expect(records.count == 2)
        #expect(records.first { $0.index == 0 }?.bytes == 10)
        #expect(records.first { $0.index == 1 }?.status == 204)

        server.send(stopSignal)
        let result = try await server.wait(timeout: .seconds(10))
        #expect(result.exited(0), "\(result)")
        #expect(result.stdoutLines.count == 1, "\(result)")
    }

    @Test("serve on a port in use: exit 2 with a one-line error")
    func servePortInUse() async throws {
        try await withServer { occupant in
            let result = try await CFetchBinary.run(["serve", "--port", "\(occupant.port)"], timeout: .seconds(10))
            #expect(result.exited(2), "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderrText.contains("\(occupant.port)"), "\(result)")
        }
    }
}
