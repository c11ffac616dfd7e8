import Foundation
import Testing

/// Runs cfetch on a pseudo-terminal through util-linux `script`, where it is available:
/// the defaults that depend on a terminal (text output, no reading of a terminal stdin).
@Suite("On a terminal", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct TerminalTests {
    /// stdout and stderr both land on the terminal, so they come back merged, with CRLF.
    static func onTerminal(_ arguments: [String]) async throws -> ChildProcess.Result {
        let command = ([try CFetchBinary.path()] + arguments).map(ChildProcess.shellQuoted).joined(separator: " ")
        return try await ChildProcess.run("/usr/bin/script", ["-qec", command, "/dev/null"], timeout: .seconds(15))
    }

    @Test("no LIST and stdin is a terminal: a usage error, not a hang")
    func noListOnTerminal() async throws {
        let result = try await Self.onTerminal([])
        #expect(result.exited(2), "\(result)")
        let lines = result.stdoutText.split(whereSeparator: \.isNewline).filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(result)")
        #expect(lines.first?.hasPrefix("cfetch: ") == true, "\(result)")
    }

    @Test("text is the default format on a terminal", arguments: CFetchBinary.strategies)
    func textByDefault(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/1"), server.url("/bytes/2")])
                // One worker, so "task 1" is the one that got them; -s keeps the progress
                // bar (stderr, on the same terminal) out of what is read back.
                let result = try await Self.onTerminal(["--strategy", strategy, "-j", "1", "-s", list])
                #expect(result.exited(0), "\(result)")
                #expect(result.stdoutText.contains("task 1 got "), "\(result)")
                #expect(result.stdoutText.contains("Total elapsed time"), "\(result)")
                #expect(!result.stdoutText.contains("{\"index\""), "\(result)")
            }
        }
    }
}
