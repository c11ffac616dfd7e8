import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The recipe in `--help` and the README, as a user runs it: `cfetch list >> out.jsonl`,
/// Ctrl-C part way, then `cfetch --skip-done out.jsonl list >> out.jsonl` finishes the
/// job with exactly one ok record per URL. Serialized: the interrupt's timing matters.
@Suite("Resume with --skip-done", .serialized)
struct ResumeTests {
    static let urlCount = 200

    /// `cfetch ARGS >> file`, through the shell as a user types it (`exec`: the signal goes
    /// to cfetch itself).
    static func appending(to file: String, _ arguments: [String]) throws -> ChildProcess {
        let child = ChildProcess(
            "/bin/sh", ["-c", #"out="$1"; shift; exec "$0" "$@" >> "$out""#, try CFetchBinary.path(), file] + arguments)
        try child.start()
        return child
    }

    static func records(in file: String) throws -> [JSONRecord] {
        try JSONRecord.parseLines(String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self))
    }

    @Test(
        "SIGINT part way through 200 URLs, resume appending to the same file: one ok record per URL",
        arguments: CFetchBinary.strategies)
    func interruptAndResume(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = (0..<Self.urlCount).map { server.url("/delay/50?n=\($0)") }
                let list = try directory.writeList(urls)
                let out = directory.file("out.jsonl")
                let common = ["--strategy", strategy, "-j", "8", list]

                let first = try Self.appending(to: out, common)
                let someArrived = await eventually(timeout: .seconds(20)) {
                    ((try? Self.records(in: out).count) ?? 0) >= 40
                }
                #expect(someArrived, "no 40 records in time")
                first.send(SIGINT)
                let interrupted = try await first.wait(timeout: .seconds(20))
                #expect(interrupted.exited(130), "\(interrupted)")
                let before = try Self.records(in: out)
                let doneBefore = Set(before.filter { $0.ok == true }.compactMap(\.url))
                #expect(doneBefore.count < Self.urlCount, "the run was not stopped part way")

                server.resetCounters()
                let resumed = try await Self.appending(to: out, ["--skip-done", out] + common).wait(
                    timeout: .seconds(60))
                #expect(resumed.exited(0), "\(resumed)")
                #expect(try SkipDoneTests.skipped(resumed, doneIn: out) == doneBefore.count, "\(resumed)")
                #expect(server.requestCount == Self.urlCount - doneBefore.count)

                let all = try Self.records(in: out)
                let added = all.dropFirst(before.count)
                #expect(added.count == Self.urlCount - doneBefore.count, "one record per URL not yet done")
                for record in added {
                    guard let index = record.index, urls.indices.contains(index) else {
                        Issue.record("index out of the list: \(record)")
                        continue
                    }
                    #expect(record.url == urls[index], "the index stays the line's place: \(record)")
                }
                let fetchedAgain = added.compactMap(\.url).filter { doneBefore.contains($0) }
                #expect(
                    fetchedAgain.isEmpty,
                    "\(fetchedAgain.count) done URLs fetched again, e.g. \(fetchedAgain.prefix(3))")
                let okCounts = Dictionary(grouping: all.filter { $0.ok == true }, by: { $0.url ?? "" })
                    .mapValues(\.count)
                #expect(okCounts.count == Self.urlCount, "every URL has an ok record")
                #expect(
                    okCounts.values.allSatisfy { $0 == 1 },
                    "a URL has two ok records: \(okCounts.filter { $0.value > 1 })")
            }
        }
    }
}
