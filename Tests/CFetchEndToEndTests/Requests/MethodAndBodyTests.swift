import Foundation
import Testing

/// `-X`, `-d`, `--data-binary`, `--json`, `-I`: what the server receives is what curl
/// sends for the same options, under every strategy.
@Suite("Methods and bodies")
struct MethodAndBodyTests {
    /// Option sets, each sent by cfetch and by curl; `@FILE` names a file the test writes.
    static let cases: [[String]] = [
        ["-X", "PUT"],
        ["-X", "DELETE", "-d", "gone=1"],
        ["-d", "a=1", "-d", "b=two"],
        ["-d", "@FILE"],
        ["--data-binary", "@FILE"],
        ["--data-binary", "x", "--data-binary", "@FILE"],
        ["--json", "{\"a\":1}"],
        ["--json", "[1,", "--json", "2]", "-H", "Accept: text/plain"],
        ["-d", ""],
    ]

    @Test("the server sees from cfetch what it sees from curl", arguments: CFetchBinary.strategies)
    func sameAsCurl(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // Newlines (which -d strips and --data-binary keeps) and bytes that are not UTF-8.
                let file = try directory.write(
                    Data("line one\r\nline two\n".utf8) + Data([0xFF, 0x00, 0x0A]), name: "b")
                for options in Self.cases {
                    let arguments = options.map { $0.replacingOccurrences(of: "@FILE", with: "@" + file) }
                    let (result, echoes) = try await EchoRun.cfetch(
                        arguments + [server.url("/echo")], strategy: strategy)
                    #expect(result.exited(0), "\(options): \(result)")
                    let fromCurl = try await EchoRun.curl(arguments + [server.url("/echo")])
                    #expect(EchoRun.comparable(echoes[0]) == EchoRun.comparable(fromCurl), "\(options)")
                }
            }
        }
    }

    @Test("-d @FILE strips newlines, --data-binary @FILE keeps every byte", arguments: CFetchBinary.strategies)
    func fileBodies(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let bytes = Data("a=1\r\nb=2\n".utf8) + Data([0xFF])
                let file = try directory.write(bytes, name: "body")
                let url = server.url("/echo")
                let (stripped, strippedEchoes) = try await EchoRun.cfetch(["-d", "@" + file, url], strategy: strategy)
                #expect(stripped.exited(0), "\(stripped)")
                #expect(
                    strippedEchoes[0]?["body_base64"] as? String
                        == (Data("a=1b=2".utf8) + Data([0xFF])).base64EncodedString())
                // Every transfer sends the same bytes, read once.
                let (binary, binaryEchoes) = try await EchoRun.cfetch(
                    ["-j", "3", "--data-binary", "@" + file, url, url, url], strategy: strategy)
                #expect(binary.exited(0), "\(binary)")
                #expect(binaryEchoes.count == 3)
                for echo in binaryEchoes.values {
                    #expect(echo["method"] as? String == "POST")
                    #expect(echo["body_base64"] as? String == bytes.base64EncodedString())
                }
            }
        }
    }

    @Test("--json sets the content type and accept, and implies POST", arguments: CFetchBinary.strategies)
    func json(strategy: String) async throws {
        try await withServer { server in
            let (result, echoes) = try await EchoRun.cfetch(
                ["--json", "{\"k\":true}", server.url("/echo")], strategy: strategy)
            #expect(result.exited(0), "\(result)")
            let headers = echoes[0]?["headers"] as? [String: String] ?? [:]
            #expect(echoes[0]?["method"] as? String == "POST")
            #expect(echoes[0]?["body"] as? String == "{\"k\":true}")
            #expect(headers["content-type"] == "application/json")
            #expect(headers["accept"] == "application/json")
        }
    }

    @Test("-I asks for the head only", arguments: CFetchBinary.strategies)
    func head(strategy: String) async throws {
        try await withServer { server in
            let result = try await CFetchBinary.run([
                "--strategy", strategy, "--format", "jsonl", "-I", server.url("/bytes/1000"),
            ])
            #expect(result.exited(0), "\(result)")
            let record = try #require(try JSONRecord.parseLines(result.stdoutText).first)
            #expect(record.int("status") == 200 && record.int("bytes") == 0, "\(record)")
            #expect(server.requestCount == 1)
        }
    }

    @Test(
        "-L: 301, 302 and 303 turn the POST into a GET, 307 and 308 keep it and its body, as in curl",
        arguments: CFetchBinary.strategies)
    func redirects(strategy: String) async throws {
        try await withServer { server in
            let expected = [301: "GET", 302: "GET", 303: "GET", 307: "POST", 308: "POST"]
            for (status, method) in expected.sorted(by: { $0.key < $1.key }) {
                let url = server.url("/redirect-to?url=%2Fecho&status=\(status)")
                let (result, echoes) = try await EchoRun.cfetch(["-L", "-d", "k=v", url], strategy: strategy)
                #expect(result.exited(0), "\(status): \(result)")
                #expect(echoes[0]?["method"] as? String == method, "\(status)")
                #expect(echoes[0]?["body"] as? String == (method == "POST" ? "k=v" : ""), "\(status)")
                let fromCurl = try await EchoRun.curl(["-L", "-d", "k=v", url])
                #expect(EchoRun.comparable(echoes[0]) == EchoRun.comparable(fromCurl), "\(status)")
            }
            // A method set with -X is kept, as curl keeps it.
            let seeOther = server.url("/redirect-to?url=%2Fecho&status=303")
            let (put, putEchoes) = try await EchoRun.cfetch(
                ["-L", "-X", "PUT", "-d", "k=v", seeOther], strategy: strategy)
            #expect(put.exited(0), "\(put)")
            #expect(putEchoes[0]?["method"] as? String == "PUT")
            let putFromCurl = try await EchoRun.curl(["-L", "-X", "PUT", "-d", "k=v", seeOther])
            #expect(EchoRun.comparable(putEchoes[0]) == EchoRun.comparable(putFromCurl))
        }
    }
}
