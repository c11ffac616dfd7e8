import FetchKit
import FetchTestServer
import Foundation
import Synchronization

/// Runs FetchKit in-process against the local test server and collects the records.
enum FetchHarness {
    /// Runs `urls` with the given strategy and returns the records (in completion order)
    /// and the summary; stdout output goes to /dev/null. The run blocks, so it gets a
    /// thread of its own: Swift's concurrency pool has one thread per core, and the other
    /// suites running beside this one need them.
    static func run(
        _ urls: [String], strategy: StrategyKind, concurrency: Int = 4, loops: Int? = nil,
        configure: (inout FetchOptions) -> Void = { _ in }
    ) async throws -> (records: [FetchRecord], summary: RunSummary) {
        var configuration = RunConfiguration()
        configuration.strategy = strategy
        configuration.concurrency = concurrency
        configuration.engine.loops = loops
        configure(&configuration.options)
        return try await onOwnThread { [configuration] in try run(urls, configuration: configuration) }
    }

    private static func run(
        _ urls: [String], configuration: RunConfiguration
    ) throws -> (
        records: [FetchRecord], summary: RunSummary
    ) {
        let collected = RecordCollector()
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let progress = RunProgress(showBar: false)
        let reporter = Reporter(
            format: .jsonl, outputFD: devNull, progress: progress,
            observers: [{ record in collected.add(record) }])
        let run = FetchRun(configuration: configuration, sources: [.lines(urls)], progress: progress)
        let summary = try run.run(reporter: reporter)
        return (collected.records, summary)
    }

    /// Records from many workers at once. The mutex is a class's stored property, not a
    /// local captured by the observer: ThreadSanitizer reported such a capture as a Swift
    /// access race between two blocking workers' records (the exclusivity access to the
    /// captured box is not ordered by the mutex inside it).
    final class RecordCollector: Sendable {
        private let collected = Locked<[FetchRecord]>([])
        func add(_ record: FetchRecord) { collected.withLock { $0.append(record) } }
        var records: [FetchRecord] { collected.withLock { $0 } }
    }

    /// Records ordered by input index.
    static func byIndex(_ records: [FetchRecord]) -> [FetchRecord] {
        records.sorted { $0.index < $1.index }
    }
}

/// Starts a test server for the body and always shuts it down, without blocking a
/// thread of the concurrency pool while it does.
func withServer<T>(_ body: (TestServer) async throws -> T) async throws -> T {
    try await TestServer.withRunning(body)
}
