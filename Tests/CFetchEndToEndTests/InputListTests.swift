import Foundation
import Testing

@Suite("URL lists: bad lines, stdin, several files")
struct InputListTests {
    /// What a line of the list should become.
    enum Expected: Equatable {
        case skipped
        case fetched(bytes: Int)
        case refused(error: String)
    }

    @Test(
        "comments, blanks, whitespace and bad lines: one record per non-blank non-comment line",
        arguments: CFetchBinary.strategies
    )
    func mixedLines(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let lines: [(bytes: [UInt8], expected: Expected)] = [
                    (Array("# a comment".utf8), .skipped),
                    (Array("".utf8), .skipped),
                    (Array("   ".utf8), .skipped),
                    (Array("\t \t".utf8), .skipped),
                    (Array("  \t# an indented comment".utf8), .skipped),
                    (Array("   \(server.url("/bytes/3"))   ".utf8), .fetched(bytes: 3)),
                    (Array("ftp://127.0.0.1/x".utf8), .refused(error: "unsupported-scheme")),
                    (Array("file:///etc/passwd".utf8), .refused(error: "unsupported-scheme")),
                    (Array("not a url".utf8), .refused(error: "invalid-url")),
                    (Array("http://".utf8), .refused(error: "invalid-url")),
                    ([0xFF, 0xFE, 0x80, 0x62, 0x61, 0x64, 0xC3], .refused(error: "invalid-url")),
                    (Array("\t\(server.url("/bytes/2"))".utf8), .fetched(bytes: 2)),
                    (Array("#\(server.url("/bytes/99"))".utf8), .skipped),
                    (Array(server.url("/bytes/1").utf8), .fetched(bytes: 1)),
                ]
                var file = Data()
                for line in lines { file.append(contentsOf: line.bytes + [0x0A]) }
                let list = try directory.write(file, name: "mixed.txt")
                let recordLines = lines.filter { $0.expected != .skipped }

                let result = try await CFetchBinary.run(["--strategy", strategy, "-j", "4", list])

                #expect(result.exited(1), "bad lines make it exit 1: \(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == recordLines.count, "\(result)")
                expectIndexesCover(records, count: recordLines.count)
                for record in records {
                    expectWellFormed(record, strategy: strategy, workers: 4)
                    guard let index = record.index, recordLines.indices.contains(index) else { continue }
                    switch recordLines[index].expected {
                    case .fetched(let bytes):
                        #expect(record.ok == true, "\(record)")
                        #expect(record.status == 200, "\(record)")
                        #expect(record.bytes == bytes, "\(record)")
                    case .refused(let error):
                        #expect(record.ok == false, "\(record)")
                        #expect(record.isNull("status"), "\(record)")
                        #expect(record.error == error, "\(record)")
                        #expect(record.bytes == 0, "nothing may be read for a refused line: \(record)")
                        #expect(record.message?.isEmpty == false, "a refused line says why: \(record)")
                    case .skipped:
                        Issue.record("a skipped line got a record: \(record)")
                    }
                }
                // Only the three good URLs reached the server.
                #expect(server.requestCount == 3)
                // Non-ASCII in the echoed URL stays valid UTF-8 (the replacement character).
                #expect(String(data: result.stdout, encoding: .utf8) != nil)
            }
        }
    }

    @Test("a list with CRLF line ends works like one with LF", arguments: CFetchBinary.strategies)
    func crlfLines(strategy: String) async throws {
        try await withServer { server in
            let text = "# windows\r\n\r\n\(server.url("/bytes/4"))\r\n\(server.url("/bytes/5"))\r\n"
            let result = try await CFetchBinary.run(["--strategy", strategy], stdin: .text(text))
            #expect(result.exited(0), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.count == 2)
            for record in records {
                #expect(record.ok == true, "\(record)")
                #expect(record.url?.hasSuffix("\r") == false, "\(record)")
            }
            #expect(Set(records.compactMap(\.bytes)) == [4, 5])
        }
    }

    @Test("the list piped on stdin, with no LIST argument", arguments: CFetchBinary.strategies)
    func stdinWithoutArgument(strategy: String) async throws {
        try await withServer { server in
            let urls = (1...5).map { server.url("/bytes/\($0 * 11)") }
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "-j", "2"],
                stdin: .text(urls.joined(separator: "\n") + "\n")
            )
            #expect(result.exited(0), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.count == 5)
            expectIndexesCover(records, count: 5)
            for record in records {
                #expect(record.ok == true, "\(record)")
                #expect(record.url == record.index.map { urls[$0] })
            }
        }
    }

    @Test(
        "- as the LIST argument reads stdin (a last line without a newline counts)",
        arguments: CFetchBinary.strategies
    )
    func dashIsStdin(strategy: String) async throws {
        try await withServer { server in
            let urls = (1...4).map { server.url("/bytes/\($0)") }
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "-"],
                stdin: .text(urls.joined(separator: "\n"))
            )
            #expect(result.exited(0), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.count == 4, "\(result)")
            expectIndexesCover(records, count: 4)
            #expect(records.allSatisfy { $0.ok == true })
        }
    }

    @Test("empty stdin: no records, exit 0, and stderr says there were no URLs", arguments: CFetchBinary.strategies)
    func emptyStdin(strategy: String) async throws {
        let result = try await CFetchBinary.run(["--strategy", strategy, "-"], stdin: .devNull)
        #expect(result.exited(0), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines == ["cfetch: no URLs in the input"], "\(result)")
    }

    @Test("a list of comments and blank lines is empty too; -s keeps stderr quiet")
    func onlyComments() async throws {
        try await withTemporaryDirectory { directory in
            let list = try directory.writeList(["# nothing here", "", "   "])
            let said = try await CFetchBinary.run(["--format", "jsonl", list])
            #expect(said.exited(0) && said.stdout.isEmpty, "\(said)")
            #expect(said.stderrLines == ["cfetch: no URLs in the input"], "\(said)")
            let silent = try await CFetchBinary.run(["-s", "--format", "jsonl", list])
            #expect(silent.exited(0) && silent.stdout.isEmpty && silent.stderr.isEmpty, "\(silent)")
        }
    }

    @Test("the same list twice: indexes continue across files", arguments: CFetchBinary.strategies)
    func listTwice(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = (0..<6).map { server.url("/bytes/\(100 + $0)") }
                let list = try directory.writeList(["# header comment"] + urls)
                let result = try await CFetchBinary.run(["--strategy", strategy, "-j", "3", list, list])
                #expect(result.exited(0), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == 12)
                expectIndexesCover(records, count: 12)
                for record in records {
                    guard let index = record.index else { continue }
                    #expect(record.url == urls[index % urls.count], "\(record)")
                    #expect(record.bytes == 100 + index % urls.count, "\(record)")
                }
            }
        }
    }

    @Test("file, stdin, file: indexes follow the order of the arguments", arguments: CFetchBinary.strategies)
    func fileStdinFile(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let first = try directory.writeList([server.url("/bytes/1"), server.url("/bytes/2")], name: "a.txt")
                let last = try directory.writeList([server.url("/bytes/5")], name: "b.txt")
                let piped = server.url("/bytes/3") + "\n" + server.url("/bytes/4") + "\n"
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, first, "-", last],
                    stdin: .text(piped)
                )
                #expect(result.exited(0), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                expectIndexesCover(records, count: 5)
                for record in records {
                    #expect(record.bytes == record.index.map { $0 + 1 }, "\(record)")
                }
            }
        }
    }

    @Test(
        "a line with a NUL byte is refused, not fetched cut short at the NUL",
        arguments: CFetchBinary.strategies
    )
    func nulByteInLine(strategy: String) async throws {
        try await withServer { server in
            var text = Data(server.url("/bytes/5").utf8)
            text.append(contentsOf: [0x00] + Array("/../../status/500\n".utf8))
            let result = try await CFetchBinary.run(["--strategy", strategy], stdin: .data(text))
            #expect(result.exited(1), "\(result)")
            let record = try #require(try JSONRecord.parseLines(result.stdoutText).first)
            #expect(record.ok == false, "\(record)")
            #expect(record.error == "invalid-url", "\(record)")
            #expect(server.requestCount == 0, "a URL that is not the line was fetched")
        }
    }

    @Test(
        "a byte-order mark at the start of each list, file or stdin, is not part of its first URL",
        arguments: CFetchBinary.strategies)
    func byteOrderMark(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let mark = Data([0xEF, 0xBB, 0xBF])
                let file = try directory.write(mark + Data((server.url("/bytes/1") + "\n").utf8), name: "bom.txt")
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, file, "-"], stdin: .data(mark + Data((server.url("/bytes/2") + "\n").utf8))
                )
                #expect(result.exited(0), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                expectIndexesCover(records, count: 2)
                for record in records {
                    #expect(record.ok == true, "\(record)")
                    #expect(record.url == server.url("/bytes/\((record.index ?? -1) + 1)"), "\(record)")
                }
            }
        }
    }
}
