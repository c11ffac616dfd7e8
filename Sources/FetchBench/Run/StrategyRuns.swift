import FetchKit

/// One row's counted runs.
struct StrategyRuns {
    let contender: BenchContender
    /// At least one.
    let samples: [BenchSample]

    /// The run with the median wall time (of an even count, the slower middle one): the
    /// run the report and the trace show, a typical one rather than the luckiest.
    var representative: BenchSample {
        samples.sorted { $0.wall < $1.wall }[samples.count / 2]
    }
}
