import FetchKit

/// What a benchmark runs: one list, the strategies to compare on it, and how often.
public struct BenchPlan: Sendable {
    /// The URLs every child run fetches.
    public var list: BenchList
    /// What the list is, as the table's footer and the report's header name it.
    public var workload: String
    /// In the order they run and are listed; at least one.
    public var strategies: [StrategyKind]
    /// Workers (`-j`) in each child run.
    public var concurrency: Int
    /// Counted runs per strategy; at least one.
    public var repeats: Int
    /// Uncounted runs per strategy before the counted ones.
    public var warmup: Int
    /// More `cfetch fetch` arguments for every child run: the curl options.
    public var fetchArguments: [String]
    /// Where to write the HTML report, if anywhere.
    public var reportPath: String?
    /// Where to write the Chrome trace, if anywhere.
    public var tracePath: String?

    public init(
        list: BenchList, workload: String, strategies: [StrategyKind], concurrency: Int, repeats: Int,
        warmup: Int, fetchArguments: [String] = [], reportPath: String? = nil, tracePath: String? = nil
    ) {
        self.list = list
        self.workload = workload
        self.strategies = strategies
        self.concurrency = concurrency
        self.repeats = repeats
        self.warmup = warmup
        self.fetchArguments = fetchArguments
        self.reportPath = reportPath
        self.tracePath = tracePath
    }

    /// Child runs in all, warm-ups included: what a progress display counts to.
    public var runCount: Int { strategies.count * (warmup + repeats) }
}
