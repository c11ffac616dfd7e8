import FetchTestServer
import Foundation
import Testing

/// `--input-format jsonl`: a LIST file whose lines are request objects.
@Suite("JSONL input")
struct JSONLInputTests {
    /// The lines of the list, and what each line's record must say.
    struct Line {
        var text: String
        var id: String
        var ok: Bool
        var message: String?
    }

    static func lines(_ server: TestServer) -> [Line] {
        [
            Line(text: #"{"url":"\#(server.url("/bytes/3"))","id":"a1"}"#, id: #""a1""#, ok: true),
            Line(text: #"{"id":7,"url":"\#(server.url("/bytes/4"))","note":{"x":[1]}}"#, id: "7", ok: true),
            Line(text: #"{"url":"\#(server.url("/bytes/5"))"}"#, id: "null", ok: true),
            Line(text: "not json", id: "null", ok: false, message: "line is not valid JSON"),
            Line(text: #"["\#(server.url("/bytes/6"))"]"#, id: "null", ok: false, message: "line is not a JSON object"),
            Line(text: #"{"id":"no-url"}"#, id: #""no-url""#, ok: false, message: #"line has no "url""#),
            Line(
                text: #"{"url":"\#(server.url("/bytes/7"))","headers":{"X":1},"id":-2}"#, id: "-2", ok: false,
                message: #""headers" must be an object of strings"#),
            Line(text: #"{"url":"\#(server.url("/status/404"))","id":"gone"}"#, id: #""gone""#, ok: false),
        ]
    }

    @Test(
        "ids in the records, bad lines get error records and the run goes on, URL arguments stay URLs",
        arguments: CFetchBinary.strategies)
    func requests(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let lines = Self.lines(server)
                let list = try directory.writeList(
                    ["# requests", ""] + lines.prefix(4).map(\.text) + [""] + lines.dropFirst(4).map(\.text))
                let first = server.url("/bytes/1")
                let last = server.url("/bytes/2")
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "-j", "3", "--input-format", "jsonl", first, list, last])

                #expect(result.exited(1), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == lines.count + 2, "\(result)")
                expectIndexesCover(records, count: lines.count + 2)
                let byIndex = Dictionary(uniqueKeysWithValues: records.map { ($0.index ?? -1, $0) })
                // The URL arguments around the list: plain URLs, no id, indexes in argument order.
                #expect(byIndex[0]?.url == first && byIndex[0]?.ok == true && byIndex[0]?.isNull("id") == true)
                let end = lines.count + 1
                #expect(byIndex[end]?.url == last && byIndex[end]?.ok == true && byIndex[end]?.isNull("id") == true)
                for (position, line) in lines.enumerated() {
                    let record = try #require(byIndex[position + 1], "no record for \(line.text)")
                    expectWellFormed(record, strategy: strategy, workers: 3)
                    #expect(record.literals["id"] == line.id, "\(record)")
                    #expect(record.ok == line.ok, "\(record)")
                    if let message = line.message {
                        #expect(record.error == "invalid-url" && record.message == message, "\(record)")
                        #expect(record.attempts == 0, "a refused line is never fetched: \(record)")
                    }
                }
                #expect(byIndex[4]?.url == "not json", "a line that is not JSON is its record's url")
                #expect(byIndex[7]?.url == server.url("/bytes/7"), "a refused line keeps its url")
                #expect(byIndex[8]?.status == 404 && byIndex[8]?.error == "http")
                // The two arguments, three good lines and the 404: nothing else reached the server.
                #expect(server.requestCount == 6)
            }
        }
    }

    @Test(
        "a line's method, headers and body are what the server gets; the next line gets the command line's again",
        arguments: CFetchBinary.strategies)
    func lineRequestsReachTheServer(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let echo = server.url("/echo")
                let list = try directory.writeList([
                    #"{"url":"\#(echo)?n=0","method":"PUT","headers":{"X-Run":"line","X-Line":"1"},"body":"a=1","id":0}"#,
                    #"{"url":"\#(echo)?n=1","id":1}"#,
                    #"{"url":"\#(echo)?n=2","method":"DELETE","id":2}"#,
                    #"{"url":"\#(echo)?n=3","body":"{\"k\":\"v\"}","headers":{"x-run":"lower"},"id":3}"#,
                ])
                // One worker: every line reuses the handle the line before it configured.
                let (result, echoes) = try await EchoRun.cfetch(
                    ["-j", "1", "-H", "X-Run: cli", "-d", "cli=1", "--input-format", "jsonl", list], strategy: strategy)
                #expect(result.exited(0), "\(result)")
                func seen(_ index: Int) -> (method: String?, body: String?, headers: [String: String]) {
                    let echo = echoes[index]
                    let headers = echo?["headers"] as? [String: String] ?? [:]
                    return (echo?["method"] as? String, echo?["body"] as? String, headers)
                }
                #expect(seen(0).method == "PUT" && seen(0).body == "a=1", "\(echoes)")
                #expect(seen(0).headers["x-run"] == "line" && seen(0).headers["x-line"] == "1", "\(seen(0).headers)")
                #expect(seen(1).method == "POST" && seen(1).body == "cli=1", "the command line's request: \(echoes)")
                #expect(seen(1).headers["x-run"] == "cli" && seen(1).headers["x-line"] == nil, "\(seen(1).headers)")
                #expect(seen(2).method == "DELETE" && seen(2).headers["x-run"] == "cli", "\(echoes)")
                #expect(seen(3).method == "POST" && seen(3).body == #"{"k":"v"}"#, "\(echoes)")
                #expect(seen(3).headers["x-run"] == "lower", "a line's header replaces the run's of any case")
            }
        }
    }

    @Test("csv shows an id as its text, the text view after the URL")
    func idInCSVAndText() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([
                    #"{"url":"\#(server.url("/bytes/3"))","id":"a,\"1\""}"#,
                    #"{"url":"\#(server.url("/bytes/4"))","id":42}"#,
                ])
                let csv = try await CFetchBinary.run(["-j", "1", "--input-format", "jsonl", "--format", "csv", list])
                #expect(csv.exited(0), "\(csv)")
                let rows = try CSV.parse(csv.stdoutText).rows
                #expect(rows.first?.prefix(3) == ["index", "id", "url"])
                #expect(rows.dropFirst().map { $0[1] } == [#"a,"1""#, "42"], "\(csv)")
                let text = try await CFetchBinary.run(["-j", "1", "--input-format", "jsonl", "--format", "text", list])
                #expect(text.stdoutText.contains("got \(server.url("/bytes/3")) [id a,\"1\"] 200"), "\(text)")
                #expect(text.stdoutText.contains("got \(server.url("/bytes/4")) [id 42] 200"), "\(text)")
            }
        }
    }

    @Test("stdin is a list too; without --input-format jsonl a JSON line is just a bad URL")
    func stdinAndDefault() async throws {
        try await withServer { server in
            let line = #"{"url":"\#(server.url("/bytes/3"))","id":1}"# + "\n"
            let jsonl = try await CFetchBinary.run(["--input-format", "jsonl"], stdin: .text(line))
            #expect(jsonl.exited(0), "\(jsonl)")
            #expect(try JSONRecord.parseLines(jsonl.stdoutText).first?.literals["id"] == "1")
            let plain = try await CFetchBinary.run([], stdin: .text(line))
            #expect(plain.exited(1), "\(plain)")
            #expect(try JSONRecord.parseLines(plain.stdoutText).first?.error == "invalid-url")
            let bad = try await CFetchBinary.run(["--input-format", "yaml", server.url("/bytes/1")])
            #expect(bad.exited(2) && bad.stderrLines.count == 1, "\(bad)")
        }
    }
}
