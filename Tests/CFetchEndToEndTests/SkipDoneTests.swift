import FetchTestServer
import Foundation
import Testing

/// `--skip-done FILE`: input lines an earlier run's output has an ok record for (or, with
/// `--skip-done-errors`, a final error) are skipped: no record, their index kept.
@Suite("--skip-done")
struct SkipDoneTests {
    /// `N skipped (done in FILE)` from the summary line, or nil when it says none.
    static func skipped(_ result: ChildProcess.Result, doneIn files: String) throws -> Int? {
        let pattern = try Regex(#"; ([\d,]+) skipped \(done in (.+?)\)"#)
        guard let line = result.stderrLines.last, let match = line.firstMatch(of: pattern) else { return nil }
        #expect(match.output[2].substring.map(String.init) == files, "\(line)")
        return Int((match.output[1].substring ?? "").replacingOccurrences(of: ",", with: ""))
    }

    @Test(
        "a reordered and grown list: only what has no ok record is fetched, at its new index",
        arguments: CFetchBinary.strategies, ["jsonl", "csv"])
    func reorderedAndGrown(strategy: String, format: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let ok = (0..<3).map { server.url("/bytes/\($0 + 1)?n=\($0)") }
                let failing = server.url("/status/500?n=9")
                let first = try directory.writeList([ok[0], failing, ok[1], "not a url", ok[2]], name: "first.txt")
                let earlier = try await CFetchBinary.run(["--strategy", strategy, "--format", format, first])
                #expect(earlier.exited(1), "\(earlier)")
                let done = try directory.write(earlier.stdout, name: "out.\(format)")

                server.resetCounters()
                let fresh = [server.url("/bytes/9?n=new"), server.url("/bytes/8?n=new")]
                let list = [fresh[0], ok[2], failing, ok[0], "not a url", ok[1], fresh[1]]
                let grown = try directory.writeList(list, name: "grown.txt")
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "-j", "2", "--skip-done", done, "--format", "jsonl", grown])

                #expect(result.exited(1), "the 500 and the bad line fail again: \(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.compactMap(\.index).sorted() == [0, 2, 4, 6], "\(result)")
                for record in records {
                    guard let index = record.index, list.indices.contains(index) else { continue }
                    #expect(record.url == list[index], "the index stays the line's place: \(record)")
                }
                #expect(try Self.skipped(result, doneIn: done) == 3, "\(result)")
                #expect(result.stderrLines.first?.hasPrefix("cfetch: 4 URLs: 2 ok, 2 failed") == true, "\(result)")
                // The two new URLs and the 500 again; none of the three done.
                #expect(server.requestCount == 3)
            }
        }
    }

    @Test(
        "--skip-done-errors also skips final errors, never a cancelled URL; repeated --skip-done reads every file",
        arguments: CFetchBinary.strategies)
    func finalErrors(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = ["a", "b", "c", "d", "e"].map { server.url("/bytes/1?\($0)") }
                func record(_ url: String, _ outcome: String) -> String {
                    #"{"index":0,"url":"\#(url)","ok":\#(outcome == "ok"),"error":\#(outcome == "ok" ? "null" : "\"\(outcome)\"")}"#
                }
                let doneA = try directory.writeList(
                    [record(urls[0], "ok"), record(urls[1], "http")], name: "a.jsonl")
                let doneB = try directory.writeList(
                    [record(urls[2], "cancelled"), record(urls[3], "timeout")], name: "b.jsonl")
                let list = try directory.writeList(urls)
                let common = ["--strategy", strategy, "--skip-done", doneA, "--skip-done", doneB]

                let okOnly = try await CFetchBinary.run(common + [list])
                #expect(okOnly.exited(0), "\(okOnly)")
                #expect(try JSONRecord.parseLines(okOnly.stdoutText).compactMap(\.index).sorted() == [1, 2, 3, 4])
                #expect(try Self.skipped(okOnly, doneIn: "\(doneA), \(doneB)") == 1, "\(okOnly)")

                let withErrors = try await CFetchBinary.run(common + ["--skip-done-errors", list])
                #expect(withErrors.exited(0), "\(withErrors)")
                let fetched = try JSONRecord.parseLines(withErrors.stdoutText)
                #expect(fetched.compactMap(\.index).sorted() == [2, 4], "\(withErrors)")
                #expect(fetched.compactMap(\.url).sorted() == [urls[2], urls[4]])
                #expect(try Self.skipped(withErrors, doneIn: "\(doneA), \(doneB)") == 3, "\(withErrors)")
            }
        }
    }

    @Test("every URL done already: no records, exit 0, and the summary says nothing was left")
    func everythingDone() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList((0..<4).map { server.url("/bytes/\($0)") })
                let first = try await CFetchBinary.run(["--format", "jsonl", list])
                #expect(first.exited(0), "\(first)")
                let done = try directory.write(first.stdout, name: "out.jsonl")
                server.resetCounters()
                let again = try await CFetchBinary.run(["--format", "jsonl", "--skip-done", done, list])
                #expect(again.exited(0) && again.stdout.isEmpty, "\(again)")
                #expect(again.stderrLines == ["cfetch: nothing left to fetch: 4 skipped (done in \(done))"], "\(again)")
                #expect(server.requestCount == 0)
            }
        }
    }

    @Test("a done file cut mid-line: one warning, and the cut record's URL is fetched again")
    func truncatedDoneFile() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList((1...4).map { server.url("/bytes/\($0)") })
                let earlier = try await CFetchBinary.run(["-j", "1", list])
                #expect(earlier.exited(0), "\(earlier)")
                let lastURL = try #require(try JSONRecord.parseLines(earlier.stdoutText).last?.url)
                let done = try directory.write(earlier.stdout.dropLast(25), name: "out.jsonl")

                server.resetCounters()
                let result = try await CFetchBinary.run(["-j", "1", "--skip-done", done, list])
                #expect(result.exited(0), "\(result)")
                #expect(try JSONRecord.parseLines(result.stdoutText).map(\.url) == [lastURL], "\(result)")
                #expect(server.requestCount == 1)
                #expect(
                    result.stderrLines.first
                        == "cfetch: warning: --skip-done: 1 line that is not a record was ignored (\(done): 1); "
                        + "a run cut short leaves its last line incomplete", "\(result)")
                #expect(result.stderrLines.count == 2, "the warning and the summary: \(result)")
                #expect(try Self.skipped(result, doneIn: done) == 3)
            }
        }
    }

    @Test("with JSONL input a line matches a record with its URL and its id", arguments: CFetchBinary.strategies)
    func idsMatch(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let url = server.url("/bytes/2")
                func line(_ id: String?) -> String {
                    id.map { #"{"url":"\#(url)","id":\#($0)}"# } ?? #"{"url":"\#(url)"}"#
                }
                let first = try directory.writeList([line(#""a""#), line("7")], name: "first.jsonl")
                let earlier = try await CFetchBinary.run(["--strategy", strategy, "--input-format", "jsonl", first])
                #expect(earlier.exited(0), "\(earlier)")
                let done = try directory.write(earlier.stdout, name: "out.jsonl")

                let list = [line("7"), line(#""b""#), line(nil), line(#""a""#), line(#""7""#)]
                let second = try directory.writeList(list, name: "second.jsonl")
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "--input-format", "jsonl", "--skip-done", done, second])
                #expect(result.exited(0), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                // "7" and 7 are one id: ids compare by their text.
                #expect(records.compactMap(\.index).sorted() == [1, 2], "\(result)")
                #expect(Set(records.compactMap { $0.literals["id"] }) == [#""b""#, "null"], "\(result)")
                #expect(try Self.skipped(result, doneIn: done) == 3)
            }
        }
    }

    @Test("a done file that cannot be read or is not an output: one line, exit 2, nothing fetched")
    func usageErrors() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let url = server.url("/bytes/1")
                let missing = directory.file("missing.jsonl")
                let list = try directory.writeList([url], name: "urls.txt")
                let cases: [([String], String)] = [
                    (["--skip-done", missing, url], "cfetch: cannot read \(missing): No such file or directory"),
                    (["--skip-done", directory.path, url], "cfetch: cannot read \(directory.path): it is a directory"),
                    (
                        ["--skip-done", list, url],
                        "cfetch: --skip-done \(list): not an output of cfetch (its first line is neither a JSON record "
                            + "with url and ok nor a CSV header with url and ok columns)"
                    ),
                    (
                        ["--skip-done-errors", url],
                        "cfetch: --skip-done-errors needs --skip-done FILE (see cfetch --help)"
                    ),
                ]
                for (arguments, message) in cases {
                    let result = try await CFetchBinary.run(arguments)
                    #expect(result.exited(2), "\(result)")
                    #expect(result.stderrLines == [message], "\(result)")
                    #expect(result.stdout.isEmpty)
                }
                #expect(server.requestCount == 0)
            }
        }
    }
}
