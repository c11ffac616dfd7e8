import FetchKit

/// One row of a benchmark — a cfetch strategy, or another tool — : each measure as a
/// median over its runs, with the min–max range; the wall time, CPU time and peak RSS of
/// every run, in the order they ran; and, once the rows are compared, where it stands
/// (`verdict`). Another tool's row has no per-transfer measures (latency, queue and
/// transfer times): it is not seen transfer by transfer.
public struct StrategySummary: Sendable, Encodable {
    public let contender: BenchContender
    public let runs: Int
    /// Records per run (the last run's; every run fetches the same list); for another
    /// tool, the URLs it was given.
    public let records: Int
    public let wallSeconds: Spread
    public let requestsPerSecond: Spread
    /// Task latency (a record's `elapsed`) percentiles, in seconds.
    public let latencyP50: Spread?
    public let latencyP90: Spread?
    public let latencyP99: Spread?
    public let latencyMax: Spread?
    /// Mean seconds a job waited in the queue, then for its host (the frontier's
    /// `host_wait`), and spent in its transfer.
    public let queuedMean: Spread?
    public let hostWaitMean: Spread?
    public let transferMean: Spread?
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
        contender = samples[0].contender
        runs = samples.count
        records = samples.last?.transfers ?? 0
        wallSeconds = Spread(samples.map(\.wall))
        requestsPerSecond = Spread(samples.map { $0.wall > 0 ? Double($0.transfers) / $0.wall : 0 })
        if contender.isExternal {
            (latencyP50, latencyP90, latencyP99, latencyMax) = (nil, nil, nil, nil)
            (queuedMean, hostWaitMean, transferMean) = (nil, nil, nil)
        } else {
            let latencies = samples.map(LatencyPercentiles.init)
            latencyP50 = Spread(latencies.map(\.p50))
            latencyP90 = Spread(latencies.map(\.p90))
            latencyP99 = Spread(latencies.map(\.p99))
            latencyMax = Spread(latencies.map(\.max))
            queuedMean = Spread(samples.map { Self.mean($0.records.map(\.queued)) })
            hostWaitMean = Spread(samples.map { Self.mean($0.records.map(\.hostWait)) })
            transferMean = Spread(samples.map { Self.mean($0.records.map(\.phases.total)) })
        }
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

    /// The strategy of a cfetch row.
    public var strategy: StrategyKind? { contender.strategy }

    /// The row's name: "callback", "callback loops=1 poll", "curl".
    public var name: String { contender.name }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    private enum CodingKeys: String, CodingKey {
        case name, strategy, tool, external, loops, poller, runs, records, wallSeconds, requestsPerSecond
        case latencyP50, latencyP90, latencyP99, latencyMax, queuedMean, hostWaitMean, transferMean
        case cpuSeconds, peakRSSMegabytes, peakThreads, errors
        case wallSecondsPerRun, cpuSecondsPerRun, peakRSSMegabytesPerRun, verdict
    }

    /// Flat, as `--format json` and `jsonl` have always had a row: `strategy` (null for
    /// another tool, whose name is in `tool`), then every measure; a measure another
    /// tool cannot have is null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(contender.strategy?.rawValue, forKey: .strategy)
        try container.encode(contender.tool?.rawValue, forKey: .tool)
        try container.encode(contender.isExternal, forKey: .external)
        try container.encode(contender.loops, forKey: .loops)
        try container.encode(contender.poller?.rawValue, forKey: .poller)
        try container.encode(runs, forKey: .runs)
        try container.encode(records, forKey: .records)
        try container.encode(wallSeconds, forKey: .wallSeconds)
        try container.encode(requestsPerSecond, forKey: .requestsPerSecond)
        try container.encode(latencyP50, forKey: .latencyP50)
        try container.encode(latencyP90, forKey: .latencyP90)
        try container.encode(latencyP99, forKey: .latencyP99)
        try container.encode(latencyMax, forKey: .latencyMax)
        try container.encode(queuedMean, forKey: .queuedMean)
        try container.encode(hostWaitMean, forKey: .hostWaitMean)
        try container.encode(transferMean, forKey: .transferMean)
        try container.encode(cpuSeconds, forKey: .cpuSeconds)
        try container.encode(peakRSSMegabytes, forKey: .peakRSSMegabytes)
        try container.encode(peakThreads, forKey: .peakThreads)
        try container.encode(errors, forKey: .errors)
        try container.encode(wallSecondsPerRun, forKey: .wallSecondsPerRun)
        try container.encode(cpuSecondsPerRun, forKey: .cpuSecondsPerRun)
        try container.encode(peakRSSMegabytesPerRun, forKey: .peakRSSMegabytesPerRun)
        try container.encode(verdict, forKey: .verdict)
    }
}
