import FetchKit

/// What a benchmark runs: one list, the strategies to compare on it (with the engine
/// settings to sweep), the other tools to run beside them, and how often.
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
    /// `--loops` values to sweep: with two or more, each strategy but blocking gets a row
    /// per value (one value, or none, is a setting in `fetchArguments`).
    public var loops: [Int] = []
    /// `--poller` values to sweep, as `loops`.
    public var pollers: [PollerKind] = []
    /// Other programs to run on the same list, after the strategies in every round.
    public var tools: [ExternalTool] = []
    /// What of cfetch's options the tools are given.
    public var toolOptions = ExternalToolOptions()

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

    /// The rows of cfetch: each strategy, once per swept `--loops` and `--poller` value
    /// (blocking, which has no loops, once).
    public var strategyContenders: [BenchContender] {
        let loopValues: [Int?] = loops.count > 1 ? loops : [nil]
        let pollerValues: [PollerKind?] = pollers.count > 1 ? pollers : [nil]
        return strategies.flatMap { strategy -> [BenchContender] in
            if strategy == .blocking { return [.strategy(.blocking)] }
            return loopValues.flatMap { loops in
                pollerValues.map { poller in .strategy(strategy, loops: loops, poller: poller) }
            }
        }
    }

    /// Child runs in all, warm-ups included, if every tool can run: what a progress
    /// display counts to.
    public var runCount: Int { (strategyContenders.count + tools.count) * (warmup + repeats) }
}
