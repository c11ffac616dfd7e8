import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The longest `--retry-delay` accepted waits (it once trapped at the first retry), and a
/// Ctrl-C still ends the wait at once with one record.
@Suite("The longest retry delay")
struct LongRetryDelayTests {
    @Test(
        "--retry 1 --retry-delay 1e9 --retry-max-delay 1e9: SIGINT in the back-off gives one cancelled record, exit 130",
        arguments: CFetchBinary.strategies)
    func interruptedBackOff(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/status/503")])
                let child = try CFetchBinary.start(
                    [
                        "--strategy", strategy, "--retry", "1", "--retry-delay", "1000000000", "--retry-max-delay",
                        "1000000000", "--format", "jsonl", list,
                    ])
                #expect(await eventually { server.requestCount == 1 })
                try await server.waitForActiveRequests(0, timeout: .seconds(10))
                child.send(SIGINT)
                let result = try await child.wait(timeout: .seconds(10))
                #expect(result.exited(130), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.count == 1, "\(result)")
                // The server has answered, but the signal can still reach cfetch before it has
                // decided to retry: then the finished attempt keeps its 503 (a transfer that
                // completed before the cancel keeps its result) and no retry starts. Either
                // way one record, one attempt, and no wait.
                let record = records.first
                let cancelledInBackOff = record?.error == "cancelled"
                let stoppedBeforeRetry = record?.error == "http" && record?.status == 503
                #expect((cancelledInBackOff || stoppedBeforeRetry) && record?.int("attempts") == 1, "\(result)")
                #expect(result.elapsed < .seconds(5), "\(result)")
                #expect(!result.stderrText.contains("Fatal error"), "\(result)")
                #expect(server.requestCount == 1)
            }
        }
    }
}
