import FetchKit
import Foundation

/// `cfetch bench`'s work: every strategy of a `BenchPlan` on the same list, each run in a
/// child process (`cfetch fetch`, see `BenchChild`), compared side by side. Warm-up runs
/// come first and are not counted. Each strategy's median-wall run is the one its
/// report section and trace show.
///
/// A generated list is written to a temporary file for the children, which re-read it on
/// every run, and is removed when the benchmark ends, however it ends.
public struct Benchmark: Sendable {
    public let plan: BenchPlan
    /// The cfetch binary each child run starts.
    public let executable: String
    /// Where a generated list is written.
    public let temporaryDirectory: String

    /// - Parameters:
    ///   - plan: at least one strategy and one counted run.
    ///   - executable: the cfetch binary to run as the children; by default this
    ///     process's own.
    ///   - temporaryDirectory: where to write a generated list; by default the
    ///     system's (`TMPDIR`).
    public init(
        plan: BenchPlan, executable: String? = nil, temporaryDirectory: String? = nil
    ) throws(SystemCallError) {
        precondition(!plan.strategies.isEmpty, "a benchmark needs at least one strategy")
        precondition(plan.repeats >= 1, "a benchmark needs at least one counted run per strategy")
        self.plan = plan
        if let executable {
            self.executable = executable
        } else {
            self.executable = try Self.ownExecutable()
        }
        self.temporaryDirectory = temporaryDirectory ?? FileManager.default.temporaryDirectory.path
    }

    /// Runs the plan, then writes its report and trace if the plan asks for them.
    ///
    /// - Parameter progress: told, on the calling thread, of each child run as it starts
    ///   and of the end of the last one.
    public func run(progress: (BenchEvent) -> Void = { _ in }) throws -> BenchComparison {
        try withListArguments { listArguments in
            let child = BenchChild(
                executable: executable,
                arguments: ["fetch", "-j", String(plan.concurrency)] + plan.fetchArguments + listArguments)
            let runs = try plan.strategies.map { strategy in try self.runs(of: strategy, with: child, progress) }
            progress(.runsFinished)
            let comparison = BenchComparison(
                workload: plan.workload, concurrency: plan.concurrency, repeats: plan.repeats,
                strategies: runs.map { StrategySummary(samples: $0.samples) })
            try writeArtifacts(comparison, runs: runs)
            return comparison
        }
    }

    /// One strategy's warm-ups, then its counted runs.
    private func runs(
        of strategy: StrategyKind, with child: BenchChild, _ progress: (BenchEvent) -> Void
    ) throws -> StrategyRuns {
        for round in 0..<plan.warmup {
            let step = BenchStep(strategy: strategy, isWarmup: true, number: round + 1, total: plan.warmup)
            progress(.runStarting(step))
            _ = try child.run(strategy, repetition: -1)
        }
        var samples: [BenchSample] = []
        for repetition in 0..<plan.repeats {
            let step = BenchStep(strategy: strategy, isWarmup: false, number: repetition + 1, total: plan.repeats)
            progress(.runStarting(step))
            samples.append(try child.run(strategy, repetition: repetition))
        }
        return StrategyRuns(strategy: strategy, samples: samples)
    }

    /// Runs `body` with the list as the children's arguments: the LIST files, or a
    /// generated list's temporary file, removed when `body` ends.
    private func withListArguments<T>(_ body: ([String]) throws -> T) throws -> T {
        switch plan.list {
        case .files(let paths):
            return try body(paths)
        case .generated(let urls):
            return try GeneratedListFile.with(urls, in: temporaryDirectory) { path in try body([path]) }
        }
    }
}
