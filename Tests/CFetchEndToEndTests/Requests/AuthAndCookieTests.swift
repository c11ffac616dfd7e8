import Foundation
import Testing

/// `-u`, `-b`, `-c`: basic auth whose password is never shown, and one cookie store per run.
@Suite("Basic auth and cookies")
struct AuthAndCookieTests {
    static let password = "pw-Zq9x-secret"

    @Test("-u: the right credentials pass, wrong ones get 401", arguments: CFetchBinary.strategies)
    func basicAuth(strategy: String) async throws {
        try await withServer { server in
            let result = try await CFetchBinary.run([
                "--strategy", strategy, "--format", "jsonl", "-u", "alice:right",
                server.url("/basic-auth/alice/right"), server.url("/basic-auth/alice/other"),
            ])
            #expect(result.exited(1), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText).sorted { ($0.index ?? -1) < ($1.index ?? -1) }
            #expect(records.map { $0.int("status") } == [200, 401], "\(result)")
        }
    }

    @Test(
        "-u: the password is sent, and never in the records, messages, summary or trace",
        arguments: CFetchBinary.strategies)
    func passwordNeverShown(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // Sent as basic auth; a 401; a transfer that fails with curl's message.
                let urls = [server.url("/echo"), server.url("/status/401"), "http://127.0.0.1:1/refused"]
                for format in ["jsonl", "text", "csv"] {
                    let trace = directory.file("trace-\(format).json")
                    let result = try await CFetchBinary.run(
                        ["--strategy", strategy, "--format", format, "--trace", trace, "-u", "alice:\(Self.password)"]
                            + urls)
                    #expect(result.exited(1), "\(result)")
                    #expect(!result.stdoutText.contains(Self.password), "\(result)")
                    #expect(!result.stderrText.contains(Self.password), "\(result)")
                    #expect(!(try String(contentsOfFile: trace, encoding: .utf8)).contains(Self.password))
                }
                let (result, echoes) = try await EchoRun.cfetch(
                    ["-u", "alice:\(Self.password)", server.url("/echo")], strategy: strategy)
                #expect(result.exited(0), "\(result)")
                let sent = (echoes[0]?["headers"] as? [String: String])?["authorization"]
                #expect(sent == "Basic " + Data("alice:\(Self.password)".utf8).base64EncodedString())
            }
        }
    }

    @Test("-u: the password is hidden from ps while the run lasts, as curl hides it")
    func passwordHiddenFromProcessList() async throws {
        try await withServer { server in
            let child = try CFetchBinary.start(["-s", "-u", "alice:\(Self.password)", server.url("/delay/3000")])
            try await server.waitForActiveRequests(1, timeout: .seconds(10))
            let commandLine = try String(contentsOfFile: "/proc/\(child.pid)/cmdline", encoding: .utf8)
            #expect(commandLine.contains("alice:"))
            #expect(!commandLine.contains(Self.password))
            let result = try await child.wait(timeout: .seconds(20))
            #expect(result.exited(0), "\(result)")
        }
    }

    @Test("-b NAME=VALUE and -b FILE send cookies as curl does", arguments: CFetchBinary.strategies)
    func cookiesSent(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let jar = "127.0.0.1\tFALSE\t/\tFALSE\t0\tfromfile\tyes\n"
                let file = try directory.write(Data(("# Netscape HTTP Cookie File\n" + jar).utf8), name: "cookies.txt")
                let url = server.url("/echo")
                for options in [["-b", "a=1; b=2"], ["-b", file], ["-b", file, "-b", "c=3"]] {
                    let (result, echoes) = try await EchoRun.cfetch(options + [url], strategy: strategy)
                    #expect(result.exited(0), "\(result)")
                    let fromCurl = try await EchoRun.curl(options + [url])
                    let cookies = echoes[0]?["cookies"] as? [String: String]
                    #expect(cookies != nil && cookies == fromCurl["cookies"] as? [String: String], "\(options)")
                    #expect(cookies?.isEmpty == false)
                }
            }
        }
    }

    @Test(
        "-c: a cookie one transfer gets is sent by the next, and the jar is written for curl to read",
        arguments: CFetchBinary.strategies)
    func sharedStoreAndJar(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let jar = directory.file("jar.txt")
                let (result, echoes) = try await EchoRun.cfetch(
                    ["-j", "1", "-c", jar, server.url("/set-cookie/session/s1"), server.url("/echo")],
                    strategy: strategy)
                #expect(result.exited(0), "\(result)")
                #expect(echoes[1]?["cookies"] as? [String: String] == ["session": "s1"], "\(result)")
                let written = try String(contentsOfFile: jar, encoding: .utf8)
                #expect(written.hasPrefix("# Netscape HTTP Cookie File"))
                let fromCurl = try await EchoRun.curl(["-b", jar, server.url("/echo")])
                #expect(fromCurl["cookies"] as? [String: String] == ["session": "s1"], "\(written)")
                // And cfetch reads it back, adding to it.
                let (again, againEchoes) = try await EchoRun.cfetch(
                    ["-j", "1", "-b", jar, "-c", jar, server.url("/set-cookie/second/s2"), server.url("/echo")],
                    strategy: strategy)
                #expect(again.exited(0), "\(again)")
                #expect(againEchoes[1]?["cookies"] as? [String: String] == ["session": "s1", "second": "s2"])
            }
        }
    }

    @Test("-c: an interrupted run writes its jar too", arguments: CFetchBinary.strategies)
    func jarAfterInterrupt(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let jar = directory.file("jar.txt")
                let child = try CFetchBinary.start([
                    "--strategy", strategy, "--format", "jsonl", "-j", "2", "-c", jar,
                    server.url("/set-cookie/early/e1"), server.url("/delay/30000"),
                ])
                try await child.waitForStdoutLines(1, timeout: .seconds(10))
                try await server.waitForActiveRequests(1, timeout: .seconds(10))
                kill(child.pid, SIGINT)
                let result = try await child.wait(timeout: .seconds(20))
                #expect(result.exited(130), "\(result)")
                let written = try String(contentsOfFile: jar, encoding: .utf8)
                #expect(written.contains("\tearly\te1"), "\(written)")
            }
        }
    }

    @Test("usage errors: one line, exit 2, nothing fetched")
    func usageErrors() async throws {
        try await withServer { server in
            let url = server.url("/echo")
            let cases: [[String]] = [
                ["-I", "-d", "x"],
                ["-I", "-X", "POST"],
                ["-X", "HEAD", "--data-binary", "x"],
                ["-d", "x", "--json", "{}"],
                ["-d", "x", "--data-binary", "y"],
                ["-u", "alice"],
                ["-X", ""],
                ["-b", "/nonexistent/cookies.txt"],
                ["-c", "/nonexistent/dir/jar.txt"],
                ["-c", "-"],
                ["-d", "@/nonexistent/body"],
                ["-d", "@-", "-"],
            ]
            for options in cases {
                let result = try await CFetchBinary.run(options + [url])
                #expect(result.exited(2), "\(options): \(result)")
                #expect(result.stderrLines.count == 1, "\(options): \(result)")
                #expect(result.stdout.isEmpty, "\(options)")
            }
            #expect(server.requestCount == 0)
        }
    }

    @Test("-d @- reads the body from stdin when the URLs are arguments")
    func bodyFromStdin() async throws {
        try await withServer { server in
            let (result, echoes) = try await EchoRun.cfetch(
                ["-d", "@-", server.url("/echo")], strategy: "callback", stdin: .data(Data("from=stdin\n".utf8)))
            #expect(result.exited(0), "\(result)")
            #expect(echoes[0]?["body"] as? String == "from=stdin")
        }
    }
}
