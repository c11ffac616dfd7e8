import FetchTestServer
import Foundation
import Testing

@testable import FetchKit

/// Whole runs through the frontier, in-process (so ThreadSanitizer sees every thread the
/// frontier is touched from: input reader, loop, robots.txt engine, blocking workers).
@Suite("Runs through the frontier")
struct FrontierRunTests {
    @Test(
        "per-host slots, a Retry-After pause, robots.txt and bad lines together: one record per line, limits held",
        arguments: StrategyKind.allCases)
    func everythingAtOnce(strategy: StrategyKind) async throws {
        try await TestServer.withRunning(listeners: 3) { server in
            server.setRobots(RobotsResponse(body: "User-agent: *\nDisallow: /status/\n"), port: 0)
            var urls = [server.url("/first/503/1/bytes/10", port: 0), server.url("/status/200", port: 0)]
            urls += (0..<20).map { server.url("/delay/20?n=\($0)", port: $0 % 3) }
            urls += ["not a url", "ftp://example.test/"]
            // Three loops, more than most machines' default: the limits hold across loops.
            let (records, summary) = try await FetchHarness.run(urls, strategy: strategy, concurrency: 12, loops: 3) {
                options in
                options.politeness.perHost = 2
                options.politeness.robots = true
                options.retries = 2
                options.retryDelay = 0.05
            }
            let byIndex = FetchHarness.byIndex(records)
            #expect(byIndex.map(\.index) == Array(0..<urls.count))
            #expect(byIndex[0].ok && byIndex[0].attempts == 2, "\(byIndex[0])")
            #expect(byIndex[1].error == .robots && byIndex[1].attempts == 0, "\(byIndex[1])")
            #expect(byIndex[2..<22].allSatisfy { $0.ok })
            #expect(byIndex[22].error == .invalidURL && byIndex[23].error == .unsupportedScheme)
            for port in 0..<3 {
                #expect(server.portStats(port).peakActiveRequests <= 2, "port \(port)")
            }
            #expect(summary.throttled.map(\.pauses) == [1], "\(summary.throttled)")
        }
    }

    @Test("a cancel mid-run gives every line read its record, held jobs cancelled", arguments: StrategyKind.allCases)
    func cancelWhileHeld(strategy: StrategyKind) async throws {
        try await TestServer.withRunning { server in
            let urls = (0..<30).map { server.url("/delay/2000?n=\($0)") }
            let collected = FetchHarness.RecordCollector()
            let progress = RunProgress(showBar: false)
            let devNull = open("/dev/null", O_WRONLY)
            defer { close(devNull) }
            let reporter = Reporter(
                format: .jsonl, outputFD: devNull, progress: progress, observers: [{ collected.add($0) }])
            var configuration = RunConfiguration()
            configuration.strategy = strategy
            configuration.concurrency = 10
            configuration.options.politeness.perHost = 1
            let run = FetchRun(configuration: configuration, sources: [.lines(urls)], progress: progress)
            let summary = try await onOwnThread {
                Task {
                    _ = await eventually { server.activeRequests == 1 }
                    run.interrupt(.interrupt)
                }
                return try run.run(reporter: reporter)
            }
            // Lines the reader had not pushed when the cancel came are counted as unread (a
            // slow machine, ThreadSanitizer, reads fewer first); every line read has one
            // record, cancelled: the one in flight, and those the frontier held for the host.
            let unread = summary.unread?.lines ?? 0
            #expect(summary.records + unread == 30, "\(summary.records) records, \(unread) unread")
            #expect(summary.records >= 1)
            #expect(collected.records.map(\.index).sorted() == Array(0..<summary.records))
            #expect(collected.records.allSatisfy { $0.error == .cancelled })
        }
    }
}
