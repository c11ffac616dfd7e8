import FetchTestServer
import Foundation
import Testing

/// `-w/--write-out`: curl's template language, one output per record, checked against
/// curl's own `-w` on the same URLs.
@Suite("-w/--write-out")
struct WriteOutTests {
    static let curl = "/usr/bin/curl"

    /// The variables whose values do not depend on timing, in curl's words.
    static let deterministic =
        "%{http_code} %{size_download} %{num_redirects} %{url_effective} [%{content_type}] %{url} %{urlnum}\\n"

    /// An ok body, a 404 with a body, two redirects followed, a refused connection.
    static func urls(_ server: TestServer) -> [String] {
        [server.url("/bytes/10"), server.url("/status/404"), server.url("/redirect/2"), "http://127.0.0.1:1/"]
    }

    /// curl's `-w` output for `urls`, fetched in one curl command as cfetch fetches them.
    static func curlOutput(_ template: String, _ urls: [String], options: [String] = []) async throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: curl), "the comparison needs \(curl)")
        let arguments = ["-s", "-L", "-w", template] + options + urls.flatMap { ["-o", "/dev/null", $0] }
        return try await ChildProcess.run(curl, arguments).stdoutText
    }

    @Test("the deterministic variables agree with curl -w, record by record", arguments: CFetchBinary.strategies)
    func agreesWithCurl(strategy: String) async throws {
        try await withServer { server in
            let urls = Self.urls(server)
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "-L", "--keep-order", "-w", Self.deterministic] + urls)
            #expect(result.exited(1), "\(result)")
            let expected = try await Self.curlOutput(Self.deterministic, urls)
            #expect(result.stdoutText == expected, "\(result)")
            #expect(result.stdoutLines.count == urls.count)
        }
    }

    @Test("%{exitcode}: what curl --fail exits with, for a 404 and a refused connection")
    func exitCodeAgreesWithCurlFail() async throws {
        try await withServer { server in
            for url in [server.url("/status/404"), "http://127.0.0.1:1/", server.url("/bytes/1")] {
                let ours = try await CFetchBinary.run(["-w", "%{exitcode}", url])
                let curls = try await Self.curlOutput("%{exitcode}", [url], options: ["--fail"])
                #expect(ours.stdoutText == curls, "\(url): \(ours)")
            }
        }
    }

    @Test("every variable is accepted; times have six decimals; cfetch's own are the record's fields")
    func everyVariable() async throws {
        try await withServer { server in
            let url = server.url("/bytes/5")
            let template =
                "%{time_namelookup} %{time_connect} %{time_appconnect} %{time_starttransfer} "
                + "%{time_total} %{queued}|%{worker}|%{strategy}|%{error}|%{errormsg}|%{exitcode}|%{json}\\n"
            let result = try await CFetchBinary.run(["--strategy", "future", "-w", template, url])
            #expect(result.exited(0), "\(result)")
            let line = try #require(result.stdoutLines.first)
            let parts = line.split(separator: "|", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
            #expect(parts.count == 7, "\(line)")
            let times = parts[0].split(separator: " ")
            #expect(times.count == 6)
            #expect(times.allSatisfy { $0.wholeMatch(of: /\d+\.\d{6}/) != nil }, "\(times)")
            #expect(Array(parts[1...5]) == ["1", "future", "", "", "0"], "\(line)")
            let record = try JSONRecord(line: parts[6])
            #expect(record.url == url && record.status == 200 && record.bytes == 5, "\(record)")
        }
    }

    @Test("-w @FILE reads the template, its line ends dropped, as curl does")
    func templateFile() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let file = try directory.write(Data("code=%{http_code}\n;bytes=%{size_download}\\n\n".utf8), name: "w")
                let url = server.url("/bytes/3")
                let result = try await CFetchBinary.run(["-w", "@" + file, url])
                #expect(result.exited(0), "\(result)")
                #expect(result.stdoutText == "code=200;bytes=3\n")
                #expect(result.stdoutText == (try await Self.curlOutput("@" + file, [url])))
            }
        }
    }

    @Test("%{stderr} sends the rest of the template to stderr; no newline unless the template has one")
    func streams() async throws {
        try await withServer { server in
            let result = try await CFetchBinary.run(
                [
                    "-s", "-w", "%{http_code}%{stderr}to-stderr %{url}\\n", server.url("/bytes/1"),
                    server.url("/bytes/2"),
                ])
            #expect(result.exited(0), "\(result)")
            #expect(result.stdoutText == "200200")
            #expect(
                Set(result.stderrLines) == [
                    "to-stderr " + server.url("/bytes/1"), "to-stderr " + server.url("/bytes/2"),
                ])
        }
    }

    @Test(
        "usage errors: one line, exit 2, nothing fetched",
        arguments: [
            (
                ["-w", "%{http_code} %{bogus}"],
                "-w/--write-out: unknown variable '%{bogus}'; the variables are url, urlnum,"
            ),
            (["-w", "%{url"], "-w/--write-out: '%{' without its closing '}'"),
            (["-w", "x", "--format", "csv"], "-w/--write-out and --format cannot be used together"),
            (["-w", "x", "--fields", "url"], "-w/--write-out and --fields cannot be used together"),
            (["-w", "@/nonexistent/template"], "-w @/nonexistent/template: cannot read it: No such file or directory"),
            (["-w", "@-"], "-w @-: stdin is for URLs"),
        ])
    func usage(arguments: [String], message: String) async throws {
        let result = try await CFetchBinary.run(arguments + ["http://127.0.0.1:1/"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stdoutText.isEmpty)
        #expect(result.stderrLines.count == 1 && result.stderrText.contains(message), "\(result.stderrText)")
    }
}
