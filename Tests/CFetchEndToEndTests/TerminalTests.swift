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

    /// Runs a shell script on a pseudo-terminal; what reached the terminal comes back.
    static func onTerminal(script: String) async throws -> ChildProcess.Result {
        try await ChildProcess.run("/usr/bin/script", ["-qec", script, "/dev/null"], timeout: .seconds(30))
    }

    /// The progress bar's drawings in what reached the terminal: the text of each
    /// "\r TEXT ESC[K" (an empty one is an erase).
    static func barDrawings(_ terminal: String) -> [String] {
        terminal.components(separatedBy: "\r").compactMap { segment in
            segment.range(of: "\u{1B}[K").map { String(segment[..<$0.lowerBound]) }
        }
    }

    @Test(
        "records written to a file leave the bar alone: drawn steadily, erased once at the end",
        arguments: CFetchBinary.strategies)
    func barNotErasedForAFile(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // About a second of work, so the bar is drawn several times.
                let list = try directory.writeList(Array(repeating: server.url("/delay/100"), count: 20))
                let output = directory.file("records.jsonl")
                let command = ([try CFetchBinary.path(), "--strategy", strategy, "-j", "2", list])
                    .map(ChildProcess.shellQuoted).joined(separator: " ")
                let result = try await Self.onTerminal(script: command + " > " + ChildProcess.shellQuoted(output))
                #expect(result.exited(0), "\(result)")
                let drawings = Self.barDrawings(result.stdoutText)
                // Every record went to the file and none took the bar down: the one erase
                // is the last drawing, before the summary.
                #expect(drawings.filter(\.isEmpty).count == 1, "\(drawings)")
                #expect(drawings.last == "", "\(drawings)")
                #expect(drawings.filter { !$0.isEmpty }.count >= 2, "\(result)")
                #expect(try JSONRecord.parseLines(String(contentsOfFile: output, encoding: .utf8)).count == 20)
            }
        }
    }

    @Test("on a narrow terminal the bar never takes its last column, so it never wraps", arguments: [12, 30, 60])
    func barFitsTheWidth(columns: Int) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/delay/100"), count: 10))
                let command = ([try CFetchBinary.path(), "-j", "2", list]).map(ChildProcess.shellQuoted)
                    .joined(separator: " ")
                let result = try await Self.onTerminal(script: "stty cols \(columns) && \(command) > /dev/null")
                #expect(result.exited(0), "\(result)")
                let drawn = Self.barDrawings(result.stdoutText).filter { !$0.isEmpty }
                #expect(!drawn.isEmpty, "\(result)")
                for text in drawn {
                    #expect(text.count <= columns - 1, "\(text.debugDescription) on \(columns) columns")
                }
            }
        }
    }
}
