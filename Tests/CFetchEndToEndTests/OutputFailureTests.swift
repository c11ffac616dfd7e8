import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// stdout refuses records for another reason than its reader leaving: the run stops, one
/// line says what was lost, and the exit status is 23 (curl's "write error").
@Suite("stdout refuses records")
struct OutputFailureTests {
    /// What the one stderr line says.
    struct LostLine {
        var reason: String
        var written: Int
        var made: Int
    }

    /// The single stderr line, parsed; fails the test if stderr holds anything else.
    static func lostLine(_ result: ChildProcess.Result) throws -> LostLine {
        let lines = result.stderrLines
        #expect(lines.count == 1, "one line on stderr, no summary: \(result)")
        let pattern = try Regex(
            #"^cfetch: cannot write records to stdout: ([^;]+); (\d+) of (\d+) written(; .+ not read.*)?$"#)
        let match = try #require(lines.first?.wholeMatch(of: pattern), "\(result)")
        return LostLine(
            reason: String(match.output[1].substring ?? ""), written: Int(match.output[2].substring ?? "") ?? -1,
            made: Int(match.output[3].substring ?? "") ?? -1)
    }

    static func cfetchCommand(_ arguments: [String]) throws -> String {
        ([try CFetchBinary.path()] + arguments).map(ChildProcess.shellQuoted).joined(separator: " ")
    }

    @Test("stdout on /dev/full (ENOSPC): one line, exit 23, the run stopped", arguments: CFetchBinary.strategies)
    func deviceFull(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/bytes/10"), count: 2_000))
                let command = try Self.cfetchCommand(["--strategy", strategy, "-j", "4", "--format", "jsonl", list])
                let result = try await ChildProcess.shell(command + " > /dev/full", timeout: .seconds(60))
                #expect(result.exited(23), "\(result)")
                let lost = try Self.lostLine(result)
                #expect(lost.reason == "No space left on device")
                #expect(lost.written == 0)
                #expect(lost.made >= 1)
                // It stopped at the first refused record instead of fetching the whole list.
                #expect(server.requestCount < 2_000, "fetched \(server.requestCount) URLs after stdout failed")
            }
        }
    }

    @Test("the CSV header and the text footer count as writes too", arguments: ["csv", "text"])
    func headerAndFooter(format: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/1")])
                let command = try Self.cfetchCommand(["--format", format, list])
                let result = try await ChildProcess.shell(command + " > /dev/full")
                #expect(result.exited(23), "\(result)")
                let lost = try Self.lostLine(result)
                #expect(lost.reason == "No space left on device")
                #expect(lost.written == 0)
            }
        }
    }

    @Test("stdout closed (EBADF): one line, exit 23", arguments: CFetchBinary.strategies)
    func closedOutput(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = Array(repeating: server.url("/bytes/10"), count: 50)
                for listed in [true, false] {
                    // With a LIST the list takes descriptor 1; from stdin nothing does until
                    // cfetch holds it, so no socket can take it and be written records.
                    let list = try directory.writeList(urls)
                    let command =
                        try Self.cfetchCommand(["--strategy", strategy, "--format", "jsonl"] + (listed ? [list] : []))
                    let script = command + (listed ? "" : " < \(ChildProcess.shellQuoted(list))") + " >&-"
                    let result = try await ChildProcess.shell(script)
                    #expect(result.exited(23), "\(result)")
                    #expect(try Self.lostLine(result).reason == "Bad file descriptor", "\(result)")
                }
            }
        }
    }

    @Test("a full filesystem: exit 23, and what was written is whole records, as many as it says")
    func fullFilesystem() async throws {
        guard geteuid() == 0 else {
            print("skipped: mounting a small tmpfs needs root")
            return
        }
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let mountPoint = directory.file("small")
                try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
                let mount = try await ChildProcess.run(
                    "/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint], timeout: .seconds(10))
                guard mount.exited(0) else {
                    print("skipped: cannot mount a tmpfs here: \(mount.stderrText)")
                    return
                }
                // Unmounted however the run goes, before anything is checked.
                let outcome: Result<(ChildProcess.Result, Data), any Error>
                do {
                    let list = try directory.writeList(Array(repeating: server.url("/bytes/1"), count: 1_000))
                    let output = URL(fileURLWithPath: mountPoint).appendingPathComponent("records.jsonl").path
                    let command = try Self.cfetchCommand(["-j", "4", "--format", "jsonl", list])
                    let result = try await ChildProcess.shell(command + " > \(ChildProcess.shellQuoted(output))")
                    outcome = .success((result, try Data(contentsOf: URL(fileURLWithPath: output))))
                } catch {
                    outcome = .failure(error)
                }
                _ = try await ChildProcess.run("/bin/umount", [mountPoint], timeout: .seconds(10))
                let (result, written) = try outcome.get()
                #expect(result.exited(23), "\(result)")
                let lost = try Self.lostLine(result)
                #expect(lost.reason == "No space left on device")
                // 64 KiB holds some records but not a thousand.
                #expect(lost.written > 0 && lost.written < 1_000, "\(result)")
                let text = String(decoding: written, as: UTF8.self)
                #expect(
                    text.isEmpty || text.hasSuffix("\n"),
                    "half a record at the end: \(text.suffix(80).debugDescription)")
                let records = try JSONRecord.parseLines(text)
                #expect(records.count == lost.written)
            }
        }
    }
}
