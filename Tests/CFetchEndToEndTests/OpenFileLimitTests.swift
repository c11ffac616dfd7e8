import Foundation
import Testing

/// cfetch raises its own open-files soft limit when -j needs it, and says clearly when
/// even the hard limit is too low.
@Suite("Open-files limit")
struct OpenFileLimitTests {
    @Test("a soft limit of 256 is raised for -j 400", arguments: ["callback", "blocking"])
    func raisesSoftLimit(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // 400 sockets at once: more than the 256 descriptors the shell allows. Each
                // is held 3 s, so they overlap however slowly a loaded machine connects.
                let list = try directory.writeList(Array(repeating: server.url("/delay/3000"), count: 400))
                let binary = ChildProcess.shellQuoted(try CFetchBinary.path())
                let script =
                    "ulimit -Sn 256; \(binary) --strategy \(strategy) -j 400 -s --format jsonl \(ChildProcess.shellQuoted(list))"
                let result = try await ChildProcess.shell(script, timeout: .seconds(30))
                let failures = result.stdoutLines.filter { !$0.contains("\"ok\":true") }
                #expect(result.exited(0), "\(failures.count) failed, e.g. \(failures.first ?? "")")
                #expect(result.stdoutLines.count == 400)
                #expect(server.peakActiveRequests > 256, "peak \(server.peakActiveRequests)")
            }
        }
    }

    @Test("a hard limit below what -j needs is a one-line usage error")
    func hardLimitTooLow() async throws {
        try await withTemporaryDirectory { directory in
            let list = try directory.writeList(["http://127.0.0.1:1/"])
            let binary = ChildProcess.shellQuoted(try CFetchBinary.path())
            // dash's `ulimit -n` sets the soft and the hard limit together.
            let script = "ulimit -n 512; \(binary) -j 5000 \(ChildProcess.shellQuoted(list))"
            let result = try await ChildProcess.shell(script, timeout: .seconds(20))
            #expect(result.exited(2), "\(result)")
            #expect(result.stdoutText.isEmpty)
            let lines = result.stderrText.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderrText)")
            #expect(result.stderrText.contains("hard limit is 512"), "\(result.stderrText)")
        }
    }
}
