import FetchKit
import FetchTestServer
import Testing

/// The behaviour every strategy must share: the same records for the same input.
@Suite("Every strategy")
struct StrategyBehaviourTests {
    @Test("statuses and body sizes", arguments: StrategyKind.allCases)
    func statusesAndBytes(strategy: StrategyKind) async throws {
        try await withServer { server in
            let urls = [
                server.url("/bytes/0"), server.url("/bytes/1"), server.url("/bytes/70000"),
                server.url("/status/201"), server.url("/status/404"), server.url("/status/500"),
            ]
            let (records, summary) = try await FetchHarness.run(urls, strategy: strategy)
            let sorted = FetchHarness.byIndex(records)
            #expect(sorted.map(\.index) == Array(0..<6))
            #expect(sorted.map(\.status) == [200, 200, 200, 201, 404, 500])
            #expect(sorted.prefix(3).map(\.bytes) == [0, 1, 70000])
            #expect(sorted.map(\.ok) == [true, true, true, true, false, false])
            #expect(sorted[4].error == .http && sorted[5].error == .http)
            #expect(sorted.allSatisfy { $0.strategy == strategy && $0.attempts == 1 })
            #expect(sorted.allSatisfy { $0.httpVersion == "1.1" })
            #expect(sorted[0].contentType == "application/octet-stream")
            #expect(summary.records == 6 && summary.ok == 4 && summary.exitStatus == 1)
        }
    }

    @Test("broken transfers get their error class", arguments: StrategyKind.allCases)
    func brokenTransfers(strategy: StrategyKind) async throws {
        try await withServer { server in
            let urls = [
                server.url("/reset"), server.url("/truncated"), server.url("/delay/20000"),
                "http://127.0.0.1:1/", server.url("/redirect-loop"),
            ]
            let (records, _) = try await FetchHarness.run(urls, strategy: strategy) { options in
                options.maxTime = 2
                options.followRedirects = true
                options.maxRedirects = 3
            }
            let sorted = FetchHarness.byIndex(records)
            #expect(sorted.map(\.error) == [.reset, .partial, .timeout, .connect, .tooManyRedirects])
            #expect(sorted.allSatisfy { !$0.ok && $0.message != nil })
            #expect(sorted[1].bytes == 1000)
            #expect(sorted[2].status == nil)
        }
    }

    @Test("redirects are followed only with -L", arguments: StrategyKind.allCases)
    func redirects(strategy: StrategyKind) async throws {
        try await withServer { server in
            let urls = [server.url("/redirect/3")]
            let plain = try await FetchHarness.run(urls, strategy: strategy).records
            #expect(plain.first?.status == 302)
            #expect(plain.first?.ok == true)
            let followed = try await FetchHarness.run(urls, strategy: strategy) { $0.followRedirects = true }.records
            #expect(followed.first?.status == 200)
            #expect(followed.first?.effectiveURL == server.url("/redirect/0"))
        }
    }

    @Test("redirects to other schemes are refused", arguments: StrategyKind.allCases)
    func redirectToFile(strategy: StrategyKind) async throws {
        try await withServer { server in
            let url = server.url("/redirect-to?url=file%3A%2F%2F%2Fetc%2Fpasswd")
            let records = try await FetchHarness.run([url], strategy: strategy) { $0.followRedirects = true }.records
            #expect(records.first?.ok == false)
            #expect(records.first?.error == .unsupportedScheme)
            #expect(records.first?.bytes == 0)
        }
    }

    @Test("bad lines get error records and the run goes on", arguments: StrategyKind.allCases)
    func badLines(strategy: StrategyKind) async throws {
        try await withServer { server in
            let urls = [
                "# a comment", "", server.url("/bytes/5"), "ftp://127.0.0.1/x", "file:///etc/passwd",
                "not a url", "http://", "   ", "  \(server.url("/bytes/6"))  ",
            ]
            let sorted = FetchHarness.byIndex(try await FetchHarness.run(urls, strategy: strategy).records)
            #expect(sorted.count == 6)
            #expect(
                sorted.map(\.error) == [nil, .unsupportedScheme, .unsupportedScheme, .invalidURL, .invalidURL, nil])
            #expect(sorted.filter { $0.error != nil }.allSatisfy { $0.status == nil && $0.attempts == 0 })
            #expect(sorted.last?.bytes == 6)
        }
    }

    @Test("never more than -j transfers in flight", arguments: StrategyKind.allCases)
    func concurrencyLimit(strategy: StrategyKind) async throws {
        try await withServer { server in
            let urls = (0..<40).map { _ in server.url("/delay/150") }
            // Six workers on four loops: the limit is the run's, not a loop's.
            let (records, summary) = try await FetchHarness.run(urls, strategy: strategy, concurrency: 6, loops: 4)
            #expect(records.count == 40)
            #expect(server.peakActiveRequests <= 6)
            #expect(server.peakActiveRequests >= 5)
            #expect(Set(records.map(\.worker)).isSubset(of: Set(1...6)))
            #expect(summary.tasks.map(\.urls).reduce(0, +) == 40)
        }
    }

    @Test("transient failures are retried with --retry", arguments: StrategyKind.allCases)
    func retries(strategy: StrategyKind) async throws {
        try await withServer { server in
            let urls = [server.url("/status/503"), server.url("/status/404")]
            let sorted = FetchHarness.byIndex(
                try await FetchHarness.run(urls, strategy: strategy) { options in
                    options.retries = 2
                    options.retryDelay = 0.05
                }.records)
            #expect(sorted.map(\.attempts) == [3, 1])
            #expect(server.requestCount == 4)
            // Full jitter: the two waits are drawn from [0, 0.05] and [0, 0.1] — at most
            // 0.15 s in all, plus three quick transfers on loopback.
            #expect(sorted[0].elapsed < 1, "\(sorted[0])")
        }
    }

    @Test("timings are consistent", arguments: StrategyKind.allCases)
    func timings(strategy: StrategyKind) async throws {
        try await withServer { server in
            let urls = (0..<6).map { _ in server.url("/delay/100") }
            let (records, summary) = try await FetchHarness.run(urls, strategy: strategy, concurrency: 2)
            for record in records {
                #expect(record.elapsed >= 0.1)
                #expect(record.phases.total >= 0.1)
                #expect(record.phases.ttfb <= record.phases.total)
                #expect(record.start + record.elapsed <= summary.wall + 0.01)
            }
            // Two workers, six 100 ms URLs: some had to wait for a worker.
            #expect(summary.wall >= 0.3)
        }
    }
}

@Suite("Strategies agree")
struct StrategiesAgreeTests {
    @Test("the same input gives the same records whatever the strategy")
    func sameRecords() async throws {
        try await withServer { server in
            var urls = (0..<30).map { server.url("/bytes/\($0 * 37)") }
            urls += [server.url("/status/418"), "nope", server.url("/truncated"), server.url("/redirect/1")]
            struct Key: Hashable {
                let index: Int, url: String, status: Int?, bytes: Int, error: ErrorClass?
            }
            var sets: [StrategyKind: Set<Key>] = [:]
            for strategy in StrategyKind.allCases {
                let records = try await FetchHarness.run(urls, strategy: strategy, concurrency: 5).records
                #expect(records.count == urls.count)
                sets[strategy] = Set(
                    records.map {
                        Key(index: $0.index, url: $0.url, status: $0.status, bytes: $0.bytes, error: $0.error)
                    })
            }
            let first = try #require(sets[.blocking])
            for (strategy, set) in sets {
                #expect(set == first, "strategy \(strategy.rawValue) differs")
            }
        }
    }

    /// Loops change which thread runs a transfer, never what it gets: one loop, two, and
    /// more loops than the machine has cores (with workers not a multiple of them).
    @Test("the same records with one loop or several", arguments: StrategyKind.allCases)
    func sameRecordsWhateverTheLoops(strategy: StrategyKind) async throws {
        try await withServer { server in
            var urls = (0..<40).map { server.url("/bytes/\($0 * 11)") }
            urls += [server.url("/status/404"), "nope", server.url("/truncated")]
            var sets: [Int: Set<String>] = [:]
            for loops in [1, 2, 3] {
                let records = try await FetchHarness.run(urls, strategy: strategy, concurrency: 7, loops: loops).records
                #expect(records.count == urls.count, "--loops \(loops)")
                #expect(Set(records.map(\.index)).count == urls.count, "--loops \(loops): an index twice")
                #expect(Set(records.map(\.worker)).isSubset(of: Set(1...7)), "--loops \(loops)")
                sets[loops] = Set(
                    records.map { "\($0.index) \($0.status ?? 0) \($0.bytes) \(String(describing: $0.error))" })
            }
            #expect(sets[2] == sets[1])
            #expect(sets[3] == sets[1])
        }
    }
}
