import FetchKit
import FetchTestServer
import Foundation
import Synchronization

/// Runs FetchKit in-process against the local test server and collects the records.
enum FetchHarness {
    /// Runs `urls` with the given strategy and returns the records (in completion order)
    /// and the summary; stdout output goes to /dev/null.
    static func run(
        _ urls: [String], strategy: StrategyKind, concurrency: Int = 4,
        configure: (inout FetchOptions) -> Void = { _ in }
    ) throws -> (records: [FetchRecord], summary: RunSummary) {
        var configuration = RunConfiguration()
        configuration.strategy = strategy
        configuration.concurrency = concurrency
        configure(&configuration.options)
        let collected = Mutex<[FetchRecord]>([])
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let progress = RunProgress(showBar: false)
        let reporter = Reporter(
            format: .jsonl, outputFD: devNull, progress: progress,
            observers: [{ record in collected.withLock { $0.append(record) } }])
        let run = FetchRun(configuration: configuration, sources: [.lines(urls)], progress: progress)
        let summary = try run.run(reporter: reporter)
        return (collected.withLock { $0 }, summary)
    }

    /// Records ordered by input index.
    static func byIndex(_ records: [FetchRecord]) -> [FetchRecord] {
        records.sorted { $0.index < $1.index }
    }
}

/// Starts a test server for the body and always shuts it down.
func withServer<T>(_ body: (TestServer) throws -> T) throws -> T {
    let server = try TestServer.start()
    defer { try? server.shutdown() }
    return try body(server)
}
