import FetchTestServer
import Foundation
import Testing

/// A command line that is wrong before anything is fetched.
struct UsageCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// `LIST` stands for a valid list file, `DIR` for an existing directory.
    var arguments: [String]
    var testDescription: String { name }

    static let all: [UsageCase] = [
        UsageCase(name: "unknown option --nope", arguments: ["--nope", "LIST"]),
        UsageCase(name: "-j 0", arguments: ["-j", "0", "LIST"]),
        UsageCase(name: "-j -3", arguments: ["-j=-3", "LIST"]),
        UsageCase(name: "-j abc", arguments: ["-j", "abc", "LIST"]),
        UsageCase(name: "--format xml", arguments: ["--format", "xml", "LIST"]),
        UsageCase(name: "--strategy nope", arguments: ["--strategy", "nope", "LIST"]),
        UsageCase(name: "missing list file", arguments: ["/nonexistent/list.txt"]),
        UsageCase(name: "a good list, then a missing one", arguments: ["LIST", "/nonexistent/list.txt"]),
        UsageCase(name: "a directory as list file", arguments: ["DIR"]),
        UsageCase(name: "--http1.1 with --http2", arguments: ["--http1.1", "--http2", "LIST"]),
        UsageCase(name: "-m -1", arguments: ["-m", "-1", "LIST"]),
        UsageCase(name: "--max-time=-1", arguments: ["--max-time=-1", "LIST"]),
        UsageCase(name: "-m inf", arguments: ["-m", "inf", "LIST"]),
        UsageCase(name: "-m ''", arguments: ["-m", "", "LIST"]),
        UsageCase(name: "--connect-timeout 1e300", arguments: ["--connect-timeout", "1e300", "LIST"]),
        UsageCase(name: "--max-redirs -2", arguments: ["--max-redirs", "-2", "LIST"]),
        UsageCase(name: "--max-filesize 2048G", arguments: ["--max-filesize", "2048G", "LIST"]),
        UsageCase(name: "--retry-delay 1e15", arguments: ["--retry", "1", "--retry-delay", "1e15", "LIST"]),
        UsageCase(name: "--stack-size -1", arguments: ["--stack-size", "-1", "LIST"]),
        UsageCase(name: "--retry -1", arguments: ["--retry=-1", "LIST"]),
        UsageCase(name: "a header without a colon", arguments: ["-H", "NoColon", "LIST"]),
        UsageCase(name: "-o with an empty directory name", arguments: ["-o", "", "LIST"]),
        UsageCase(name: "demo --count 0", arguments: ["demo", "--count", "0"]),
        UsageCase(name: "demo --seed -1", arguments: ["demo", "--seed", "-1"]),
        UsageCase(name: "bench --size -1", arguments: ["bench", "--size", "-1"]),
        UsageCase(name: "bench --repeat 101", arguments: ["bench", "LIST", "--repeat", "101"]),
        UsageCase(name: "bench -o DIR: bodies are discarded", arguments: ["bench", "LIST", "-o", "DIR"]),
        UsageCase(name: "serve --port -1", arguments: ["serve", "--port", "-1"]),
        UsageCase(
            name: "bench --report in a missing directory: before any run",
            arguments: ["bench", "LIST", "--report", "/nonexistent/dir/bench.html"]),
        UsageCase(
            name: "bench --trace that is a directory: before any run", arguments: ["bench", "LIST", "--trace", "DIR"]),
        UsageCase(name: "serve --port 70000", arguments: ["serve", "--port", "70000"]),
        UsageCase(name: "an unknown subcommand-like option after fetch", arguments: ["fetch", "--bogus", "LIST"]),
    ]
}

@Suite("Command line: usage errors, --version, --help, --list-strategies")
struct CommandLineTests {
    @Test("usage errors: exit 2, one line on stderr, nothing on stdout, nothing fetched", arguments: UsageCase.all)
    func usageError(_ usage: UsageCase) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/1"), server.url("/bytes/2")])
                let arguments = usage.arguments.map { $0 == "LIST" ? list : $0 == "DIR" ? directory.path : $0 }
                let result = try await CFetchBinary.run(arguments, timeout: .seconds(10))

                #expect(result.exited(2), "\(result)")
                #expect(result.stdout.isEmpty, "\(result)")
                let lines = result.stderrLines
                #expect(lines.count == 1, "stderr should be exactly one line: \(result)")
                #expect(lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == false, "\(result)")
                #expect(result.stderrText.hasSuffix("\n"), "\(result)")
                #expect(server.requestCount == 0, "a usage error fetches nothing")
            }
        }
    }

    @Test("--version names cfetch and libcurl")
    func version() async throws {
        let result = try await CFetchBinary.run(["--version"])
        #expect(result.exited(0), "\(result)")
        let lines = result.stdoutLines
        #expect(lines.count == 1, "\(result)")
        #expect(lines.first?.contains("cfetch") == true)
        #expect(lines.first?.contains("libcurl") == true)
    }

    @Test(
        "cfetch --help exits 0 and shows Examples"
    )
    func rootHelp() async throws {
        let result = try await CFetchBinary.run(["--help"])
        #expect(result.exited(0), "\(result)")
        #expect(result.stdoutText.contains("Examples"), "\(result)")
    }

    @Test(
        "--help exits 0 and describes the command; fetch --help shows Examples",
        arguments: [["--help"], ["-h"], ["fetch", "--help"]]
    )
    func help(arguments: [String]) async throws {
        let result = try await CFetchBinary.run(arguments)
        #expect(result.exited(0), "\(result)")
        #expect(result.stdoutText.contains("USAGE"), "\(result)")
        #expect(result.stdoutText.contains("Exit status") || result.stdoutText.contains("Examples"), "\(result)")
        if arguments.first == "fetch" {
            #expect(result.stdoutText.contains("Examples"), "\(result)")
            #expect(result.stdoutText.contains("--strategy"), "\(result)")
        }
    }

    @Test("--help of each subcommand exits 0", arguments: ["fetch", "bench", "demo", "serve"])
    func subcommandHelp(subcommand: String) async throws {
        let result = try await CFetchBinary.run([subcommand, "--help"])
        #expect(result.exited(0), "\(result)")
        #expect(result.stdoutText.contains("Example"), "\(result)")
    }

    @Test("--list-strategies lists at least blocking and callback, one per line")
    func listStrategies() async throws {
        let result = try await CFetchBinary.run(["--list-strategies"])
        #expect(result.exited(0), "\(result)")
        let names = result.stdoutLines
        #expect(names.contains("blocking"))
        #expect(names.contains("callback"))
        #expect(Set(names).count == names.count, "no duplicates")
        #expect(names.allSatisfy { !$0.isEmpty && !$0.contains(" ") })
        #expect(result.stderr.isEmpty)
        // Every listed name is accepted by --strategy.
        for name in names {
            let run = try await CFetchBinary.run(["--strategy", name, "-"], stdin: .devNull)
            #expect(run.exited(0), "--strategy \(name): \(run)")
        }
    }
}
