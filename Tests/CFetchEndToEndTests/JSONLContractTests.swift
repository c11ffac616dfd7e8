import Foundation
import Testing

@Suite("JSONL record contract")
struct JSONLContractTests {
    /// Sizes with edges (0, 1, around a KiB, 64 KiB, a few hundred KiB), all distinct.
    static let sizes: [Int] = (0..<40).map { position in
        [0, 1, 7, 100, 1023, 1024, 4096, 65_536, 100_000, 300_001][position % 10] + position / 10 * 3
    }

    @Test("40 /bytes/K URLs: one well-formed record each, keys in DESIGN order", arguments: CFetchBinary.strategies)
    func fortyRecords(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = Self.sizes.map { server.url("/bytes/\($0)") }
                let list = try directory.writeList(urls)
                let workers = 6
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "-j", "\(workers)", "--format", "jsonl", list])

                #expect(result.exited(0), "\(result)")
                #expect(result.stdoutText.hasSuffix("}\n"), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == 40, "\(result)")
                expectIndexesCover(records, count: 40)
                for record in records {
                    expectWellFormed(record, strategy: strategy, workers: workers)
                    guard let index = record.index, Self.sizes.indices.contains(index) else { continue }
                    #expect(record.url == urls[index], "\(record)")
                    #expect(record.ok == true, "\(record)")
                    #expect(record.status == 200, "\(record)")
                    #expect(record.bytes == Self.sizes[index], "\(record)")
                    #expect(record.attempts == 1, "\(record)")
                    #expect(record.literals["http_version"] == "\"1.1\"", "\(record)")
                    #expect(record.effectiveURL == urls[index], "\(record)")
                    #expect(record.isNull("error") && record.isNull("message"), "\(record)")
                    #expect(record.isNull("id"), "a plain line has no id: \(record)")
                }
                // The server saw exactly one request per URL (no retries, no extra probes).
                #expect(server.requestCount == 40)

                let summary = result.stderrLines
                #expect(summary.count == 1, "stderr should be the one summary line: \(result)")
                #expect(summary.first?.contains("40 URLs") == true, "\(result)")
            }
        }
    }

    @Test("jsonl is the default when stdout is not a terminal", arguments: CFetchBinary.strategies)
    func jsonlByDefault(strategy: String) async throws {
        try await withServer { server in
            let result = try await CFetchBinary.run(
                ["--strategy", strategy],
                stdin: .text(server.url("/bytes/3") + "\n")
            )
            #expect(result.exited(0), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.count == 1)
            #expect(records.first?.bytes == 3)
        }
    }
}
