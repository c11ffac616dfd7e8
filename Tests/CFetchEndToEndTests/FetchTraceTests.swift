import Foundation
import Testing

@Suite("cfetch fetch --trace")
struct FetchTraceTests {
    @Test("one complete event per transfer, on the worker's lane", arguments: CFetchBinary.strategies)
    func tracesEveryTransfer(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList((0..<25).map { server.url("/bytes/\($0)") } + ["not a url"])
                let trace = directory.file("trace.json")
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "-j", "4", "--format", "jsonl", "--trace", trace, list])
                #expect(result.exited(1), "\(result)")  // the bad line fails
                let events = try #require(
                    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: trace)))
                        as? [[String: Any]])
                let transfers = events.filter { $0["ph"] as? String == "X" }
                #expect(transfers.count == 26)
                #expect(Set(transfers.compactMap { $0["pid"] as? Int }) == [1])
                #expect(Set(transfers.compactMap { $0["tid"] as? Int }).isSubset(of: Set(1...4)))
                #expect(transfers.allSatisfy { ($0["ts"] as? Int ?? -1) >= 0 && ($0["dur"] as? Int ?? 0) >= 1 })
                let names = events.filter { $0["name"] as? String == "process_name" }
                #expect((names.first?["args"] as? [String: Any])?["name"] as? String == strategy)
            }
        }
    }
}
