import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `--keep-order`: records in input order, whatever order their transfers finish in.
@Suite("--keep-order")
struct KeepOrderTests {
    /// Runs cfetch on `urls` with `arguments` and `--keep-order`, jsonl out.
    private func fetch(
        _ urls: [String], _ arguments: [String], strategy: String, timeout: Duration = .seconds(40)
    ) async throws -> (ChildProcess.Result, [JSONRecord]) {
        try await CFetchBinary.fetchList(urls, ["--keep-order"] + arguments, strategy: strategy, timeout: timeout)
    }

    /// About when a record's transfer ended, in seconds from the run's start.
    private func finished(_ record: JSONRecord) -> Double {
        (record.double("start") ?? 0) + (record.double("elapsed") ?? 0)
    }

    @Test("a slow URL first, fast ones after, -j 20: records in input order", arguments: CFetchBinary.strategies)
    func slowFirst(strategy: String) async throws {
        try await withServer { server in
            let urls = [server.url("/delay/300")] + (1...40).map { server.url("/bytes/\($0)") }
            let (result, records) = try await fetch(urls, ["-j", "20"], strategy: strategy)
            #expect(result.exited(0), "\(result)")
            #expect(records.map(\.index) == Array(0..<41), "\(result.stdoutText)")
            #expect(records.map(\.url) == urls)
            // The fast ones did finish first: the order is the buffer's doing.
            let first = try #require(records.first)
            #expect(records.dropFirst().contains { finished($0) < finished(first) }, "\(result.stdoutText)")
        }
    }

    @Test(
        "--per-host 1 across two ports: the fast host's records wait for the slow host's, in order",
        arguments: CFetchBinary.strategies)
    func perHostAcrossPorts(strategy: String) async throws {
        try await withServer(listeners: 2) { server in
            let urls = (0..<24).map { n in
                n % 3 == 0 ? server.url("/delay/100?n=\(n)", port: 0) : server.url("/bytes/\(n)", port: 1)
            }
            let (result, records) = try await fetch(urls, ["-j", "20", "--per-host", "1"], strategy: strategy)
            #expect(result.exited(0), "\(result)")
            #expect(records.map(\.url) == urls, "\(result.stdoutText)")
            #expect(server.portStats(0).peakActiveRequests == 1 && server.portStats(1).peakActiveRequests == 1)
        }
    }

    @Test(
        "more URLs behind a slow one than the buffer holds: the reader waits, nothing deadlocks, all in order",
        arguments: CFetchBinary.strategies)
    func bufferFills(strategy: String) async throws {
        try await withServer { server in
            // -j 2: the buffer holds 1024 records; 1500 fast URLs wait behind the first.
            let urls = [server.url("/delay/2000")] + (0..<1_500).map { server.url("/bytes/1?n=\($0)") }
            let (result, records) = try await fetch(urls, ["-j", "2"], strategy: strategy)
            #expect(result.exited(0), "\(result)")
            #expect(records.count == urls.count)
            #expect(records.map(\.index) == Array(0..<urls.count))
            // While the first URL took its two seconds, the others did not all run: the reader
            // was held back at the buffer's bound (1024 jobs owed a record, the first among them).
            let firstStart = try #require(records.first?.double("start"))
            let during = records.filter { ($0.double("start") ?? 0) < firstStart + 1.9 }.count
            #expect(during <= 1024, "\(during) URLs started while the first was owed")
            #expect(during > 500, "the workers went on while the first was slow: \(during)")
        }
    }

    @Test("SIGINT: every URL read gets one record, in input order", arguments: CFetchBinary.strategies)
    func interrupted(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls =
                    [server.url("/delay/400")] + (1..<40).map { server.url("/delay/\($0 % 4 == 0 ? 100 : 5000)") }
                let list = try directory.writeList(urls)
                let child = try CFetchBinary.start(
                    ["--strategy", strategy, "-j", "8", "--keep-order", "--format", "jsonl", list])
                // The first URL's record is out, the 100 ms ones are done but wait behind the
                // second, and every worker is in a 5 s transfer.
                try await child.waitForStdoutLines(1, timeout: .seconds(10))
                try await server.waitForActiveRequests(8, timeout: .seconds(10))
                child.send(SIGINT)
                let result = try await child.wait(timeout: .seconds(15))
                #expect(result.exited(130), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                let summary = try InterruptTests.stoppedSummary(result)
                #expect(records.count == summary.read, "\(result)")
                #expect(records.map(\.index) == Array(0..<records.count), "\(result.stdoutText)")
                #expect(records.contains { $0.error == "cancelled" }, "\(result.stdoutText)")
                #expect(records.dropFirst(2).contains { $0.ok == true }, "finished ones after cancelled ones")
            }
        }
    }

    @Test("the text view and csv keep the order too, and -w", arguments: ["csv", "text", "-w"])
    func everyFormat(format: String) async throws {
        try await withServer { server in
            let urls = [server.url("/delay/200")] + (1...5).map { server.url("/bytes/\($0)") }
            let output = format == "-w" ? ["-w", "%{urlnum},"] : ["--format", format]
            let result = try await CFetchBinary.run(["-j", "6", "--keep-order"] + output + urls)
            #expect(result.exited(0), "\(result)")
            let text = result.stdoutText
            if format == "-w" {
                #expect(text == "0,1,2,3,4,5,", "\(result)")
            } else {
                // Each URL's line, found by its URL (a URL is no prefix of another here).
                let positions = urls.compactMap { text.range(of: $0 + (format == "csv" ? "," : " "))?.lowerBound }
                #expect(positions.count == urls.count && positions == positions.sorted(), "\(text)")
            }
        }
    }
}
