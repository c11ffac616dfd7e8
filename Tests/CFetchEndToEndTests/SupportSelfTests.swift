import Foundation
import Testing

/// The support layer itself: if these fail, the end-to-end results below mean little.
@Suite("Support layer")
struct SupportSelfTests {
    @Test("the cfetch binary is found next to the test runner")
    func binaryIsFound() throws {
        let path = try CFetchBinary.path()
        #expect(FileManager.default.isExecutableFile(atPath: path))
        #expect(!CFetchBinary.strategies.isEmpty)
        #expect(!CFetchBinary.strategies.contains { $0.hasPrefix("<") }, "\(CFetchBinary.strategies)")
    }

    @Test("large output on both pipes is captured in full, without deadlock")
    func capturesLargeOutput() async throws {
        // 4 MB to stdout and 1 MB to stderr, interleaved: more than any pipe buffer.
        let result = try await ChildProcess.shell(
            "i=0; while [ $i -lt 64 ]; do head -c 65536 /dev/zero | tr '\\0' 'o'; head -c 16384 /dev/zero | tr '\\0' 'e' >&2; i=$((i+1)); done; exit 3",
            timeout: .seconds(20)
        )
        #expect(result.exited(3))
        #expect(result.stdout.count == 64 * 65536)
        #expect(result.stderr.count == 64 * 16384)
    }

    @Test("stdin data reaches the child; a child that ignores it does not hang us")
    func feedsStdin() async throws {
        let text = String(repeating: "line\n", count: 100_000)
        let counted = try await ChildProcess.run("/usr/bin/wc", ["-l"], stdin: .text(text))
        #expect(counted.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "100000")
        let ignoring = try await ChildProcess.run("/bin/true", [], stdin: .text(text))
        #expect(ignoring.exited(0))
    }

    @Test("a child past its time limit is killed and reported")
    func timesOut() async throws {
        let started = ContinuousClock.now
        await #expect(throws: ChildProcess.TimedOut.self) {
            _ = try await ChildProcess.run("/bin/sleep", ["30"], timeout: .milliseconds(300))
        }
        // Killed, not waited out: well short of the child's 30 s (the margin is for a loaded machine).
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("children start with SIGPIPE at its default action (so the closed-pipe test means something)")
    func childrenGetDefaultSIGPIPE() async throws {
        let result = try await ChildProcess.shell("grep '^SigIgn:' /proc/self/status")
        let hex = result.stdoutText.split(separator: ":").last.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let ignored = try #require(hex.flatMap { UInt64($0, radix: 16) }, "\(result)")
        #expect(ignored & (1 << (UInt64(SIGPIPE) - 1)) == 0, "SIGPIPE is ignored in children: \(result.stdoutText)")
    }

    @Test("the CSV parser handles quotes, doubled quotes, commas and line breaks")
    func csvParser() throws {
        let document = try CSV.parse("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\r\n\"multi\r\nline\",,z\r\n")
        #expect(document.rows == [["a", "b", "c"], ["x,1", "say \"hi\"", ""], ["multi\r\nline", "", "z"]])
        #expect(document.usesCRLF)
        #expect(throws: CSV.ParseError.self) { try CSV.parse("a,b\"c\r\n") }
        #expect(throws: CSV.ParseError.self) { try CSV.parse("\"a\"b,c\r\n") }
        #expect(throws: CSV.ParseError.self) { try CSV.parse("\"open\r\n") }
        #expect(try CSV.parse("a,b\nc,d\n").usesCRLF == false)
    }

    @Test("the JSON member scanner keeps key order and literals")
    func jsonScanner() throws {
        let record = try JSONRecord(line: #"{"b":1,"a":"x,\"}","c":null,"d":true,"e":{"n":[1,2]},"f":0.000123}"#)
        #expect(record.keys == ["b", "a", "c", "d", "e", "f"])
        #expect(record.literals["a"] == #""x,\"}""#)
        #expect(record.isNull("c"))
        #expect(record.bool("d") == true)
        #expect(record.bool("b") == nil)
        #expect(record.double("f") == 0.000123)
        #expect(throws: (any Error).self) { try JSONRecord(line: #"{"a":1} x"#) }
        #expect(throws: (any Error).self) { try JSONRecord(line: "[1]") }
    }
}
