import Foundation
import Testing

@testable import FetchKit

/// What a child started by `spawnProcess` (a bench run) inherits, and what it must not.
@Suite("Spawning a child process", .serialized)
struct ProcessSpawnTests {
    /// The child's `SigIgn` mask from /proc, spawned while this process ignores `ignored`.
    private func childIgnoredSignals(whileIgnoring ignored: [Int32]) throws -> UInt64 {
        var previous: [Int32: sighandler_t?] = [:]
        for number in ignored { previous[number] = signal(number, SIG_IGN) }
        defer { for (number, handler) in previous { signal(number, handler) } }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw SystemCallError(call: "pipe", errno: errno) }
        let pid = try spawnProcess("/bin/grep", argv: ["grep", "SigIgn", "/proc/self/status"], stdout: pipeEnds[1])
        close(pipeEnds[1])
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256)
        while case let count = readSome(pipeEnds[0], into: &chunk), count > 0 { output += chunk[..<count] }
        close(pipeEnds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let line = String(decoding: output, as: UTF8.self)
        let hex = line.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return try #require(UInt64(hex, radix: 16), "unexpected output: \(line)")
    }

    private func bit(_ number: Int32) -> UInt64 { 1 << UInt64(number - 1) }

    @Test("SIGINT, SIGTERM and SIGPIPE start at their default actions in the child")
    func signalsStartAtDefault() throws {
        let mask = try childIgnoredSignals(whileIgnoring: [SIGINT, SIGTERM, SIGPIPE, SIGHUP])
        #expect(mask & bit(SIGINT) == 0)
        #expect(mask & bit(SIGTERM) == 0)
        #expect(mask & bit(SIGPIPE) == 0)
        // Others keep what they were: nohup's SIGHUP stays ignored.
        #expect(mask & bit(SIGHUP) != 0)
    }
}
