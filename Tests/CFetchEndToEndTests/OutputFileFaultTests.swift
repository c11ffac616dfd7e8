import FetchTestServer
import Foundation
import Testing

/// `-o DIR` under failures: only an ok body gets a file under its final name, and what
/// a run finds in DIR from before is refused, skipped or replaced as asked.
@Suite("-o DIR under faults: .part files, --skip-existing, --overwrite")
struct OutputFileFaultTests {
    /// Paths and whether each is ok under `options`. The list adds a refused connection and,
    /// last, a request never answered (ended by `-m`): the later runs leave that one out,
    /// keeping the others' indexes and so their file names.
    static let cases: [(path: String, ok: Bool)] = [
        ("/bytes/1000", true),
        ("/reset", false),
        ("/chunked/1000000", false),
        ("/fault/gzip-bomb", false),
        ("/status/404", false),
        ("/close-delimited/5000", true),
        ("/bytes/0", true),
    ]
    static let options = ["-m", "2", "--max-filesize", "100000", "--compressed", "-j", "4"]

    @Test("only ok bodies are saved; then refused, skipped, overwritten", arguments: CFetchBinary.strategies)
    func filesUnderFaults(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls =
                    Self.cases.map { server.url($0.path) } + [
                        "http://127.0.0.1:1/refused", server.url("/fault/no-answer"),
                    ]
                let oks = Self.cases.map(\.ok) + [false, false]
                let list = try directory.writeList(urls)
                let quickList = try directory.writeList(urls.dropLast(), name: "quick.txt")
                let output = directory.file("out")
                let arguments = ["--strategy", strategy, "-o", output] + Self.options

                let first = try await CFetchBinary.run(arguments + [list], timeout: .seconds(30))
                #expect(first.exited(1), "\(first)")
                for text in crashTexts { #expect(!first.stderrText.contains(text), "\(first)") }
                let records = try JSONRecord.parseLines(first.stdoutText).sorted { ($0.index ?? 0) < ($1.index ?? 0) }
                #expect(records.count == urls.count)
                #expect(records.map { $0.ok == true } == oks, "\(first)")
                var saved: [String: Int] = [:]
                for record in records {
                    expectWellFormed(record, strategy: strategy, workers: 4)
                    if record.ok == true {
                        let path = try #require(record.path, "\(record)")
                        saved[(path as NSString).lastPathComponent] = record.bytes
                    } else {
                        #expect(record.isNull("path"), "\(record)")
                    }
                }
                let names = try FileManager.default.contentsOfDirectory(atPath: output)
                #expect(Set(names) == Set(saved.keys), "only ok bodies, no .part: \(names)")
                for (name, bytes) in saved {
                    let size = try FileManager.default.attributesOfItem(atPath: "\(output)/\(name)")[.size] as? Int
                    #expect(size == bytes, "\(name)")
                }

                // The default refuses the files that exist, and says how to go on.
                let again = try await CFetchBinary.run(arguments + [quickList], timeout: .seconds(30))
                #expect(again.exited(1), "\(again)")
                for record in try JSONRecord.parseLines(again.stdoutText) where oks[record.index ?? 0] {
                    #expect(record.error == "output", "\(record)")
                    #expect(
                        record.message?.hasSuffix("exists (use --skip-existing or --overwrite)") == true, "\(record)")
                    #expect(record.attempts == 0 && record.isNull("path"), "\(record)")
                }

                // --skip-existing: the files that exist are not fetched again (the names come
                // from the index, so the same list); the failed URLs are tried again.
                server.resetCounters()
                let skipped = try await CFetchBinary.run(
                    arguments + ["--skip-existing", quickList], timeout: .seconds(30))
                #expect(skipped.exited(1), "\(skipped)")
                #expect(server.requestCount == Self.cases.filter { !$0.ok }.count, "the failed ones that reached it")
                for record in try JSONRecord.parseLines(skipped.stdoutText) where oks[record.index ?? 0] {
                    #expect(record.ok == true && record.isNull("error") && record.isNull("status"), "\(record)")
                    #expect(record.attempts == 0, "\(record)")
                    let path = try #require(record.path, "\(record)")
                    #expect(record.message == "skipped: \(path) exists", "\(record)")
                }

                // --overwrite replaces a stale file with the body, by the rename.
                let stale = try #require(saved.first { $0.value > 0 }?.key)
                try Data("stale".utf8).write(to: URL(fileURLWithPath: "\(output)/\(stale)"))
                let overwritten = try await CFetchBinary.run(
                    arguments + ["--overwrite", quickList], timeout: .seconds(30))
                #expect(overwritten.exited(1), "\(overwritten)")
                let size = try FileManager.default.attributesOfItem(atPath: "\(output)/\(stale)")[.size] as? Int
                #expect(size == saved[stale], "the stale file was replaced")
                #expect(Set(try FileManager.default.contentsOfDirectory(atPath: output)) == Set(saved.keys))
            }
        }
    }

    @Test("a body in flight is NAME.part, renamed to NAME when it is complete", arguments: CFetchBinary.strategies)
    func partFileWhileInFlight(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let output = directory.file("out")
                let url = server.url("/drip?bytes=100&ms=600")
                let child = try CFetchBinary.start(["--strategy", strategy, "-o", output], stdin: .text(url + "\n"))
                func names() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? [] }
                #expect(await eventually { names().count == 1 && names()[0].hasSuffix(".part") }, "\(names())")
                let result = try await child.wait(timeout: .seconds(20))
                #expect(result.exited(0), "\(result)")
                let record = try #require(try JSONRecord.parseLines(result.stdoutText).first)
                let path = try #require(record.path, "\(record)")
                #expect(names() == [(path as NSString).lastPathComponent], "\(names())")
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 100)
            }
        }
    }

    @Test("a run resumed with --skip-existing fetches nothing again and exits 0", arguments: CFetchBinary.strategies)
    func resumedRunExitsZero(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(["/bytes/10", "/chunked/20", "/bytes/0"].map(server.url))
                let arguments = ["--strategy", strategy, "-o", directory.file("out"), "--skip-existing", list]
                let first = try await CFetchBinary.run(arguments)
                #expect(first.exited(0), "\(first)")
                let fetched = try JSONRecord.parseLines(first.stdoutText)
                #expect(fetched.allSatisfy { $0.attempts == 1 && $0.path != nil }, "\(first)")
                server.resetCounters()
                let resumed = try await CFetchBinary.run(arguments)
                #expect(resumed.exited(0), "\(resumed)")
                #expect(server.requestCount == 0)
                let records = try JSONRecord.parseLines(resumed.stdoutText)
                #expect(records.count == 3)
                #expect(records.allSatisfy { $0.ok == true && $0.attempts == 0 }, "\(resumed)")
                #expect(Set(records.compactMap(\.path)) == Set(fetched.compactMap(\.path)))
            }
        }
    }

    @Test(
        "--skip-existing and --overwrite: together, or without -o, a usage error",
        arguments: [
            ["--skip-existing"], ["--overwrite"], ["-o", "/tmp/cfetch-never-made", "--skip-existing", "--overwrite"],
        ])
    func usageErrors(arguments: [String]) async throws {
        let result = try await CFetchBinary.run(arguments, stdin: .text("http://127.0.0.1:1/\n"))
        #expect(result.exited(2), "\(result)")
        #expect(result.stdout.isEmpty && result.stderrLines.count == 1, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/cfetch-never-made"))
    }
}
