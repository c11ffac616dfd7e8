import FetchKit

/// One child run of a benchmark: which row (a strategy, or another tool), and which of its
/// runs.
public struct BenchStep: Sendable, Equatable, CustomStringConvertible {
    public let contender: BenchContender
    /// An uncounted warm-up run, or a counted one.
    public let isWarmup: Bool
    /// 1-based, among the strategy's warm-ups or among its counted runs.
    public let number: Int
    /// How many of those there are.
    public let total: Int

    public init(contender: BenchContender, isWarmup: Bool, number: Int, total: Int) {
        self.contender = contender
        self.isWarmup = isWarmup
        self.number = number
        self.total = total
    }

    /// "green: warm-up 1/1", "green: run 2/3".
    public var description: String {
        "\(contender.name): \(isWarmup ? "warm-up" : "run") \(number)/\(total)"
    }
}
