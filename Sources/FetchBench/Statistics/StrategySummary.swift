import FetchKit

/// One strategy's row in a benchmark: each measure as a median over its runs, with the
/// min–max range; the wall time, CPU time and peak RSS of every run, in the order they
/// ran; and, once the rows are compared, where it stands (`verdict`).
public struct StrategySummary: Sendable, Codable {
    public let strategy: StrategyKind
    public let runs: Int
    /// Records per run (the last run's; every run fetches the same list).
    public let records: Int
    public let wallSeconds: Spread
    public let requestsPerSecond: Spread
    /// Task latency (a record's `elapsed`) percentiles, in seconds.
    public let latencyP50: Spread
    public let latencyP90: Spread
    public let latencyP99: Spread
    public let latencyMax: Spread
    /// Mean seconds a job waited in the queue, then for its host (the frontier's
    /// `host_wait`), and spent in its transfer.
    public let queuedMean: Spread
    public let hostWaitMean: Spread
    public let transferMean: Spread
    public let cpuSeconds: Spread
    public let peakRSSMegabytes: Spread
    public let peakThreads: Spread
    public let errors: Spread
    /// Each counted run's wall time, CPU seconds and peak RSS, in the order they ran.
    public let wallSecondsPerRun: [Double]
    public let cpuSecondsPerRun: [Double]
    public let peakRSSMegabytesPerRun: [Double]
    /// Where this row stands against the others; set by `BenchComparison`.
    public internal(set) var verdict: WallVerdict?

    /// - Parameter samples: one strategy's runs, at least one.
    public init(samples: [BenchSample]) {
        precondition(!samples.isEmpty, "a strategy's summary needs at least one run")
        strategy = samples[0].strategy
        runs = samples.count
        records = samples.last?.records.count ?? 0
        wallSeconds = Spread(samples.map(\.wall))
        requestsPerSecond = Spread(samples.map { $0.wall > 0 ? Double($0.records.count) / $0.wall : 0 })
        let latencies = samples.map(LatencyPercentiles.init)
        latencyP50 = Spread(latencies.map(\.p50))
        latencyP90 = Spread(latencies.map(\.p90))
        latencyP99 = Spread(latencies.map(\.p99))
        latencyMax = Spread(latencies.map(\.max))
        queuedMean = Spread(samples.map { Self.mean($0.records.map(\.queued)) })
        hostWaitMean = Spread(samples.map { Self.mean($0.records.map(\.hostWait)) })
        transferMean = Spread(samples.map { Self.mean($0.records.map(\.phases.total)) })
        cpuSeconds = Spread(samples.map(\.cpu))
        peakRSSMegabytes = Spread(samples.map { Double($0.peakRSSBytes) / 1_000_000 })
        peakThreads = Spread(samples.map { Double($0.peakThreads) })
        errors = Spread(samples.map { Double($0.errors) })
        wallSecondsPerRun = samples.map(\.wall)
        cpuSecondsPerRun = samples.map(\.cpu)
        peakRSSMegabytesPerRun = samples.map { Double($0.peakRSSBytes) / 1_000_000 }
    }

    /// How wide the wall times' range is against their median: 0.2 when they spread over
    /// a fifth of it.
    public var wallSpread: Double {
        wallSeconds.median > 0 ? (wallSeconds.max - wallSeconds.min) / wallSeconds.median : 0
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
