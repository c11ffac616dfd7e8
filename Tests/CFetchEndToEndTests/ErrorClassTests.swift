import FetchTestServer
import Foundation
import Testing

/// One failing URL and the record it must produce.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    enum Status: Sendable {
        case null
        case code(Int)
        /// Whatever arrived before the failure (a 200 head before a reset, a 302 in a loop).
        case any
    }

    var name: String
    /// A path on the test server, or a whole URL.
    var target: String
    var options: [String] = []
    var error: String
    var status: Status
    /// The failure is a time limit: the record's elapsed must be near it, not the server's delay.
    var timeLimit: Double?

    var testDescription: String { name }

    func url(on server: TestServer) -> String {
        target.hasPrefix("/") ? server.url(target) : target
    }

    static let all: [ErrorCase] = [
        ErrorCase(name: "404 → http", target: "/status/404", error: "http", status: .code(404)),
        ErrorCase(name: "503 → http", target: "/status/503", error: "http", status: .code(503)),
        ErrorCase(name: "reset mid-body → reset", target: "/reset", error: "reset", status: .any),
        ErrorCase(name: "short body → partial", target: "/truncated", error: "partial", status: .any),
        ErrorCase(
            name: "-m 0.5 on a 3 s delay → timeout",
            target: "/delay/3000",
            options: ["-m", "0.5"],
            error: "timeout",
            status: .null,
            timeLimit: 0.5
        ),
        ErrorCase(
            name: "-m 0.5 on 3 s slow headers → timeout",
            target: "/slow-headers/3000",
            options: ["-m", "0.5"],
            error: "timeout",
            status: .any,
            timeLimit: 0.5
        ),
        ErrorCase(
            name: "redirect loop, -L --max-redirs 3 → too-many-redirects",
            target: "/redirect-loop",
            options: ["-L", "--max-redirs", "3"],
            error: "too-many-redirects",
            status: .any
        ),
        ErrorCase(name: "closed port → connect", target: "http://127.0.0.1:1/", error: "connect", status: .null),
        ErrorCase(
            name: "--max-filesize 100 on 5000 bytes → too-large",
            target: "/bytes/5000",
            options: ["--max-filesize", "100"],
            error: "too-large",
            status: .any
        ),
    ]
}

@Suite("Error classes against the test server")
struct ErrorClassTests {
    @Test("one failing URL → its error class, exit 1", arguments: CFetchBinary.strategies, ErrorCase.all)
    func errorClass(strategy: String, failure: ErrorCase) async throws {
        try await withServer { server in
            let url = failure.url(on: server)
            let result = try await CFetchBinary.run(
                ["--strategy", strategy] + failure.options,
                stdin: .text(url + "\n"),
                timeout: .seconds(15)
            )
            #expect(result.exited(1), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            let record = try #require(records.first, "\(result)")
            #expect(records.count == 1)
            expectWellFormed(record, strategy: strategy, workers: 10)
            #expect(record.url == url)
            #expect(record.ok == false, "\(record)")
            #expect(record.error == failure.error, "\(record)")
            #expect(record.message?.isEmpty == false, "\(record)")
            switch failure.status {
            case .null: #expect(record.isNull("status"), "\(record)")
            case .code(let code): #expect(record.status == code, "\(record)")
            case .any: break
            }
            if let limit = failure.timeLimit, let elapsed = record.double("elapsed") {
                #expect(elapsed >= limit * 0.8 && elapsed < limit + 1.5, "elapsed \(elapsed) for -m \(limit)")
            }
        }
    }

    @Test("-L follows /redirect/3 to /redirect/0", arguments: CFetchBinary.strategies)
    func followsRedirects(strategy: String) async throws {
        try await withServer { server in
            let url = server.url("/redirect/3")
            let result = try await CFetchBinary.run(["--strategy", strategy, "-L"], stdin: .text(url + "\n"))
            #expect(result.exited(0), "\(result)")
            let record = try #require(try JSONRecord.parseLines(result.stdoutText).first)
            #expect(record.ok == true)
            #expect(record.status == 200)
            #expect(record.url == url, "url is the URL as given")
            #expect(record.effectiveURL?.hasSuffix("/redirect/0") == true, "\(record)")
            #expect(server.requestCount == 4)
        }
    }

    @Test("without -L a redirect is the response: 302 is below 400, so ok", arguments: CFetchBinary.strategies)
    func doesNotFollowByDefault(strategy: String) async throws {
        try await withServer { server in
            let url = server.url("/redirect/3")
            let result = try await CFetchBinary.run(["--strategy", strategy], stdin: .text(url + "\n"))
            #expect(result.exited(0), "\(result)")
            let record = try #require(try JSONRecord.parseLines(result.stdoutText).first)
            #expect(record.ok == true, "\(record)")
            #expect(record.status.map { (300..<400).contains($0) } == true, "\(record)")
            #expect(record.effectiveURL == url)
            #expect(server.requestCount == 1)
        }
    }

    @Test("-L never follows a redirect to file:// (and never reads the file)", arguments: CFetchBinary.strategies)
    func refusesFileRedirect(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let secretFile = try directory.write(Data("TOP-SECRET-CONTENT\n".utf8), name: "secret.txt")
                let encoded = "file://\(secretFile)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let url = server.url("/redirect-to?url=\(encoded)")
                let saved = directory.file("saved")
                try FileManager.default.createDirectory(atPath: saved, withIntermediateDirectories: false)
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "-L", "-o", saved],
                    stdin: .text(url + "\n")
                )
                #expect(result.exited(1), "\(result)")
                let record = try #require(try JSONRecord.parseLines(result.stdoutText).first)
                #expect(record.ok == false, "\(record)")
                // curl's redirect protocols are http,https only; the record names the refused
                // target and reports the last URL actually fetched.
                #expect(record.error == "unsupported-scheme", "\(record)")
                #expect(record.effectiveURL == url, "\(record)")
                #expect(record.message == "redirect to file://\(secretFile) refused: only http and https are fetched")
                #expect(record.isNull("path"), "\(record)")
                #expect(!result.stdoutText.contains("TOP-SECRET"))
                #expect(!result.stderrText.contains("TOP-SECRET"))
                for name in try FileManager.default.contentsOfDirectory(atPath: saved) {
                    let content = try Data(contentsOf: URL(fileURLWithPath: saved).appendingPathComponent(name))
                    #expect(!String(decoding: content, as: UTF8.self).contains("TOP-SECRET"), "\(name) holds the file")
                }
            }
        }
    }

    /// URLs with credentials in them, fetched and failing in several ways.
    static func credentialURLs(_ server: TestServer) -> [String] {
        let port = server.port
        return [
            "http://user:secret@127.0.0.1:\(port)/bytes/1",
            "http://user:secret@127.0.0.1:\(port)/status/401",
            "http://user:secret@127.0.0.1:\(port)/redirect/2",
            "http://user:secret@127.0.0.1:1/",
            "http://user:secret@",
            "ftp://user:secret@127.0.0.1/x",
            "HTTP://user:secret@127.0.0.1:\(port)/bytes/2",
            "http://user:sec%40ret@127.0.0.1:\(port)/bytes/3",
            // A redirect to a URL with other credentials: the effective URL must be redacted too.
            // (The query itself is printed as given; only its decoded "hunter2@" must not be.)
            server.url("/redirect-to?url=http%3A%2F%2Fu%3Ahunter2%40127.0.0.1%3A\(port)%2Fbytes%2F4"),
        ]
    }

    @Test(
        "credentials are redacted in every format and never printed",
        arguments: CFetchBinary.strategies,
        ["jsonl", "csv", "text"]
    )
    func redactsCredentials(strategy: String, format: String) async throws {
        try await withServer { server in
            let urls = Self.credentialURLs(server)
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "-L", "--format", format],
                stdin: .text(urls.joined(separator: "\n") + "\n")
            )
            #expect(result.exited(1), "\(result)")
            #expect(!result.stdoutText.contains("secret"), "\(result)")
            #expect(!result.stderrText.contains("secret"), "\(result)")
            #expect(!result.stdoutText.contains("sec%40ret"), "\(result)")
            #expect(!result.stdoutText.contains("hunter2@"), "\(result)")
            #expect(result.stdoutText.contains("user:***@127.0.0.1:\(server.port)/bytes/1"), "\(result)")
            if format == "jsonl" {
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == urls.count)
                for record in records {
                    let url = try #require(record.url)
                    if urls[record.index ?? 0].contains("secret") {
                        #expect(url.contains(":***@"), "\(record)")
                    }
                }
                let first = records.first { $0.index == 0 }
                #expect(first?.url == "http://user:***@127.0.0.1:\(server.port)/bytes/1")
                #expect(first?.ok == true, "the credentials are still sent, only not printed")
                let redirected = records.first { $0.index == urls.count - 1 }
                #expect(
                    redirected?.effectiveURL == "http://u:***@127.0.0.1:\(server.port)/bytes/4",
                    "\(String(describing: redirected))"
                )
            }
        }
    }

    @Test(
        "-o DIR: saved file names do not carry the password"
    )
    func outputFileNamesRedacted() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let url = "http://user:secret@127.0.0.1:\(server.port)/bytes/1"
                let result = try await CFetchBinary.run(["-o", directory.path], stdin: .text(url + "\n"))
                #expect(result.exited(0), "\(result)")
                let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                #expect(names.count == 1)
                #expect(!names.contains { $0.contains("secret") }, "\(names)")
            }
        }
    }
}
