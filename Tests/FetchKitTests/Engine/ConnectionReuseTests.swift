import FetchKit
import FetchTestServer
import Testing

/// HTTP/1.1 connections are reused as soon as one is idle, even while the first wave of
/// transfers is still in flight (the engine skips curl's search for an idle connection only
/// while none can be idle).
@Suite("Connection reuse")
struct ConnectionReuseTests {
    @Test(
        "a transfer that starts after the first completion reuses its connection: never more than -j open",
        arguments: StrategyKind.allCases)
    func reuseDuringTheFirstWave(strategy: StrategyKind) async throws {
        try await withServer { server in
            let workers = 6
            // The first wave ends one transfer at a time, 40 ms apart; each worker then
            // takes a transfer of the second wave while the rest of the first is in flight.
            let firstWave = (1...workers).map { server.url("/delay/\($0 * 40)") }
            let secondWave = (0..<workers).map { _ in server.url("/delay/50") }
            let (records, summary) = try await FetchHarness.run(
                firstWave + secondWave, strategy: strategy, concurrency: workers)
            #expect(summary.ok == 2 * workers)
            #expect(records.count == 2 * workers)
            #expect(server.peakConnections <= workers)
        }
    }
}
