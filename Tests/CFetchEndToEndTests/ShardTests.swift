import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `--shard K/N`: N processes on one list fetch every URL line once between them, each
/// record at the line's own index.
@Suite("--shard")
struct ShardTests {
    @Test("0/3, 1/3 and 2/3 together cover a list exactly once, at the lines' own indexes")
    func threeShardsCoverTheList() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = (0..<100).map { server.url("/bytes/\($0 % 9)?line=\($0)") }
                // Blank lines and comments take no index, in the shards as without them.
                var lines: [String] = ["# a list"]
                for (number, url) in urls.enumerated() {
                    lines.append(url)
                    if number % 10 == 3 { lines += ["", "  # a comment"] }
                }
                let list = try directory.writeList(lines)
                var seen: [Int: String] = [:]
                for (shard, strategy) in zip(0..<3, ["callback", "green", "blocking"]) {
                    let result = try await CFetchBinary.run(
                        ["--shard", "\(shard)/3", "--strategy", strategy, "-j", "4", "--format", "jsonl", list])
                    #expect(result.exited(0), "\(result)")
                    let records = try JSONRecord.parseLines(result.stdoutText)
                    let mine = urls.indices.filter { $0 % 3 == shard }
                    #expect(records.compactMap(\.index).sorted() == mine, "shard \(shard): \(result)")
                    for record in records {
                        guard let index = record.index else { continue }
                        #expect(seen[index] == nil, "index \(index) fetched twice")
                        seen[index] = record.url
                        #expect(record.url == urls[index], "\(record)")
                    }
                    let summary = try #require(result.stderrLines.last)
                    #expect(summary.hasPrefix("cfetch: \(mine.count) URLs: \(mine.count) ok"), "\(summary)")
                    #expect(
                        summary.hasSuffix("; \(100 - mine.count) lines left to the other shards (--shard \(shard)/3)"),
                        "\(summary)")
                }
                #expect(seen.count == 100)
                #expect(server.requestCount == 100, "each URL fetched once in all")
            }
        }
    }

    @Test("a shard with no line of its own fetches nothing, says so, and exits 0")
    func emptyShard() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/1"), server.url("/bytes/2")])
                let result = try await CFetchBinary.run(["--shard", "2/3", list])
                #expect(result.exited(0), "\(result)")
                #expect(result.stdout.isEmpty)
                #expect(
                    result.stderrLines.last
                        == "cfetch: nothing left to fetch: 2 lines left to the other shards (--shard 2/3)",
                    "\(result)")
                #expect(server.requestCount == 0)
            }
        }
    }

    @Test("a stopped shard counts only its own lines as not read: its records and those make its share")
    func interruptedShard() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // Longer than the work queue holds, so the reader is still reading when stopped.
                let list = try directory.writeList((0..<20_000).map { server.url("/delay/800?i=\($0)") })
                let child = try CFetchBinary.start(["--shard", "1/2", "-j", "4", "--format", "jsonl", list])
                try await server.waitForActiveRequests(4, timeout: .seconds(10))
                child.send(SIGINT)
                let result = try await child.wait(timeout: .seconds(20))
                #expect(result.exited(130), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.allSatisfy { ($0.index ?? 0) % 2 == 1 }, "\(result)")
                let summary = try #require(result.stderrLines.last)
                let unread = try #require(summary.firstMatch(of: try Regex(#"; (\d+) input lines? not read"#)))
                let count = Int(unread.output[1].substring ?? "") ?? -1
                #expect(records.count + count == 10_000, "\(records.count) records, \(count) unread: \(summary)")
            }
        }
    }

    @Test("a bad --shard is a one-line usage error, exit 2", arguments: ["3/3", "1/0", "-1/2", "1", "x/y", "1/2/3"])
    func badValue(value: String) async throws {
        let result = try await CFetchBinary.run(["--shard", value, "http://127.0.0.1:9/"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderrText.contains("--shard takes K/N"), "\(result)")
    }
}
