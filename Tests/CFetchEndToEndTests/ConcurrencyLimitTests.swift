import Foundation
import Testing

@Suite("Concurrency limit")
struct ConcurrencyLimitTests {
    @Test(
        "-j 7 over 60 slow URLs: never more than 7 requests at the server at once",
        arguments: CFetchBinary.strategies
    )
    func neverMoreThanJ(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/delay/200"), count: 60))
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "-j", "7", list],
                    timeout: .seconds(25)
                )

                #expect(result.exited(0), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == 60)
                expectIndexesCover(records, count: 60)
                for record in records {
                    expectWellFormed(record, strategy: strategy, workers: 7)
                    #expect(record.ok == true, "\(record)")
                }
                let peak = server.peakActiveRequests
                #expect(peak <= 7, "the server saw \(peak) requests at once with -j 7")
                // 7 is expected; allow a little slack for scheduling on a loaded machine.
                #expect(peak >= 5, "only \(peak) requests at once with -j 7: the workers are not concurrent")
                #expect(Set(records.compactMap(\.worker)).count >= 5, "too few workers did the work")
                // Serially this would take 12 s; 7 at a time about 1.8 s, more on a machine the
                // suite keeps busy. The peak above is the real proof of concurrency.
                #expect(result.elapsed < .seconds(12), "took \(result.elapsed)")
            }
        }
    }

    @Test("-j 1 is strictly one at a time, in input order", arguments: CFetchBinary.strategies)
    func oneAtATime(strategy: String) async throws {
        try await withServer { server in
            let urls = (0..<8).map { server.url("/delay/\(20 + $0)") }
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "-j", "1"],
                stdin: .text(urls.joined(separator: "\n") + "\n")
            )
            #expect(result.exited(0), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.compactMap(\.index) == Array(0..<8), "one worker takes the queue in order")
            #expect(records.allSatisfy { $0.worker == 1 })
            #expect(server.peakActiveRequests == 1)
        }
    }
}
