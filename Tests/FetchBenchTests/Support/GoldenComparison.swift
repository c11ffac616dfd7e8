import FetchBench
import FetchKit

/// A fixed comparison of three strategies over four runs each (enough for a verdict:
/// callback is fastest, green and blocking slower), for checks of the exact
/// text the table, the HTML table and the CSV make of it.
enum GoldenComparison {
    static func summary(_ strategy: StrategyKind, walls: [Double], seed: UInt64) -> StrategySummary {
        let records = SyntheticRun.records(count: 40, workers: 4, strategy: strategy, seed: seed)
        return StrategySummary(
            samples: walls.enumerated().map { repetition, wall in
                BenchSample(
                    strategy: strategy, repetition: repetition, records: records, wall: wall, userCPU: 0.21 * wall,
                    systemCPU: 0.05, peakRSSBytes: 41_500_000 + repetition * 100_000, peakThreads: 3 + repetition,
                    voluntaryContextSwitches: 0, involuntaryContextSwitches: 0, exitStatus: 0)
            })
    }

    static var comparison: BenchComparison {
        BenchComparison(
            workload: "golden <list> & co", concurrency: 4, repeats: 4,
            strategies: [
                summary(.callback, walls: [0.353, 0.335, 0.349, 0.340], seed: 1),
                summary(.green, walls: [0.36, 0.358, 0.371, 0.365], seed: 2),
                summary(.blocking, walls: [1.25, 1.1, 1.5, 1.3], seed: 3),
            ])
    }
}
