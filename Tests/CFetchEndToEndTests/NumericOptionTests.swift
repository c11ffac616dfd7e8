import Foundation
import Testing

/// Numeric options as curl takes them: values attached to short options, 0 as "no
/// limit", negative values that reach the range check, and the range named in the error.
@Suite("Numeric options: ranges, attached values, 0 as no limit")
struct NumericOptionTests {
    @Test("-m 0 and --connect-timeout 0 are no limit: a 1.2 s response is fetched", arguments: CFetchBinary.strategies)
    func zeroIsNoLimit(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/delay/1200")])
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "-m", "0", "--connect-timeout", "0", "--format", "jsonl", list])
                #expect(result.exited(0), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == 1 && records.first?.ok == true, "\(result)")
            }
        }
    }

    @Test("short options take attached values: -j8 -m5 -H'X: y' -Aagent -oDIR")
    func attachedValues() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList((0..<16).map { server.url("/delay/300?n=\($0)") })
                let result = try await CFetchBinary.run(["-j8", "-m5", "--format", "jsonl", list])
                #expect(result.exited(0), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == 16, "\(result)")
                // Eight workers: the worker numbers go up to 8, and no further.
                let workers = Set(records.compactMap { $0.int("worker") })
                #expect(workers.count == 8, "workers \(workers.sorted()): \(result)")

                let saved = directory.file("saved")
                let headers = try directory.writeList([server.url("/headers")])
                let echo = try await CFetchBinary.run(
                    ["-HX-Test: yes", "-Acfetch-attached", "-o\(saved)", "--format", "jsonl", headers])
                #expect(echo.exited(0), "\(echo)")
                let files = try FileManager.default.contentsOfDirectory(atPath: saved)
                #expect(files.count == 1, "\(files)")
                let body = try String(contentsOfFile: saved + "/" + (files.first ?? ""), encoding: .utf8)
                #expect(body.contains("X-Test") && body.contains("yes"), "\(body)")
                #expect(body.contains("cfetch-attached"), "\(body)")
            }
        }
    }

    @Test(
        "a negative value reaches the range check: the message names the range, not a missing value",
        arguments: [
            (["-m", "-1"], "--max-time must be between 0 and 1000000000 seconds (0: no limit)"),
            (["-m-1"], "--max-time must be between 0 and 1000000000 seconds (0: no limit)"),
            (
                ["--connect-timeout", "-0.5"],
                "--connect-timeout must be between 0 and 1000000000 seconds (0: no limit of our own)"
            ),
            (["--retry-delay", "-1"], "--retry-delay must be between 0 and 1000000000 seconds (0: retry at once)"),
            (["--retry", "-1"], "--retry must be between 0 and 1000000"),
            (["-j", "-1"], "-j/--concurrency must be between 1 and 100000"),
            (["--max-redirs", "-5"], "--max-redirs must be between -1 and 1000000 (-1: unlimited)"),
            (["--max-filesize", "-1k"], "--max-filesize must be between 0 and 1024G bytes (0: no limit)"),
            (["--loops", "0"], "--loops must be between 1 and 256"),
            (["--loops", "-2"], "--loops must be between 1 and 256"),
        ])
    func negativeValue(arguments: [String], message: String) async throws {
        try await withTemporaryDirectory { directory in
            let list = try directory.writeList([])
            let result = try await CFetchBinary.run(arguments + [list])
            #expect(result.exited(2), "\(result)")
            #expect(result.stderrLines == ["cfetch: \(message) (see cfetch --help)"], "\(result)")
        }
    }

    @Test("--max-redirs -1 is unlimited, as in curl: a chain of 60 redirects is followed")
    func unlimitedRedirects() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/redirect/60")])
                let limited = try await CFetchBinary.run(["-L", "--format", "jsonl", list])
                #expect(limited.exited(1), "the default stops at 50: \(limited)")
                let result = try await CFetchBinary.run(["-L", "--max-redirs", "-1", "--format", "jsonl", list])
                #expect(result.exited(0), "\(result)")
                #expect(try JSONRecord.parseLines(result.stdoutText).first?.status == 200, "\(result)")
            }
        }
    }

    @Test("--max-filesize takes curl's suffixes: 1k refuses 2000 bytes, 1M takes them; 0 is no limit")
    func fileSizeSuffixes() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/2000")])
                let small = try await CFetchBinary.run(["--max-filesize", "1k", "--format", "jsonl", list])
                #expect(small.exited(1), "\(small)")
                #expect(try JSONRecord.parseLines(small.stdoutText).first?.error == "too-large", "\(small)")
                for limit in ["1M", "0"] {
                    let large = try await CFetchBinary.run(["--max-filesize", limit, "--format", "jsonl", list])
                    #expect(large.exited(0), "--max-filesize \(limit): \(large)")
                }
            }
        }
    }
}
