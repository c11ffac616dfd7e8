import Foundation
import Testing

/// stdout is a file that takes only part of a write: records go out in batches, so the cut
/// falls inside a batch, and what stays in the file and what the summary counts must still
/// be whole records.
@Suite("stdout takes part of a batch")
struct PartialWriteTests {
    @Test(
        "a file size limit (ulimit -f) mid-batch: the file ends on a whole record, as many as it says",
        arguments: CFetchBinary.strategies)
    func fileSizeLimit(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList((0..<300).map { server.url("/bytes/1?n=\($0)") })
                let output = directory.file("records.jsonl")
                let command = try OutputFailureTests.cfetchCommand(
                    ["--strategy", strategy, "-j", "8", "--format", "jsonl", list])
                // SIGXFSZ ignored (an ignored signal stays ignored across exec): past the
                // limit write(2) takes what fits and then fails with EFBIG.
                let script = "trap '' XFSZ; ulimit -f 16 && exec \(command) > \(ChildProcess.shellQuoted(output))"
                let result = try await ChildProcess.shell(script, timeout: .seconds(60))
                #expect(result.exited(23), "\(result)")
                let lost = try OutputFailureTests.lostLine(result)
                #expect(lost.reason == "File too large")
                #expect(lost.written < lost.made, "\(result)")
                let text = try String(contentsOfFile: output, encoding: .utf8)
                #expect(
                    text.isEmpty || text.hasSuffix("\n"),
                    "half a record at the end: \(text.suffix(80).debugDescription)")
                #expect(try JSONRecord.parseLines(text).count == lost.written, "\(result)")
            }
        }
    }
}
