import FetchKit

/// One child run of a benchmark: which strategy, and which of its runs.
public struct BenchStep: Sendable, Equatable, CustomStringConvertible {
    public let strategy: StrategyKind
    /// An uncounted warm-up run, or a counted one.
    public let isWarmup: Bool
    /// 1-based, among the strategy's warm-ups or among its counted runs.
    public let number: Int
    /// How many of those there are.
    public let total: Int

    public init(strategy: StrategyKind, isWarmup: Bool, number: Int, total: Int) {
        self.strategy = strategy
        self.isWarmup = isWarmup
        self.number = number
        self.total = total
    }

    /// "green: warm-up 1/1", "green: run 2/3".
    public var description: String {
        "\(strategy.rawValue): \(isWarmup ? "warm-up" : "run") \(number)/\(total)"
    }
}
