/// Where one row stands against the row with the lowest median wall time (the leader),
/// with the noise taken into account: a row is slower only when the difference holds —
/// a one-sided Mann–Whitney test at `significance`, a 95% bootstrap interval of the
/// median ratio wholly above 1, and a median ratio of at least 1 + `smallestDifference`
/// (a real but tiny difference is not worth a verdict on a shared machine). The leader
/// is the fastest only when every other row is slower by that rule; otherwise the rows
/// that are not are tied with it, within the noise their intervals show.
public struct WallVerdict: Sendable, Codable, Equatable {
    public enum Standing: String, Sendable, Codable {
        /// The leader, and every other row is slower by a difference that holds.
        case fastest
        /// The leader, or a row not told apart from it.
        case tied
        /// Slower than the leader by a difference that holds.
        case slower
        /// Too few runs to tell: fewer than `minimumRuns` on a side.
        case untested
        /// Left out of the verdict: more of its transfers failed than the fewest any row
        /// had, by more than `errorMargin` (a tool that gave up, or fetched a repeated
        /// URL once), so it did less work.
        case moreErrors = "more-errors"
    }

    public static let significance = 0.05
    public static let smallestDifference = 0.02
    /// How many more failed transfers than the fewest a row may have before it is left
    /// out: one in a hundred of the list, and never fewer than 2, so a flaky server's
    /// stray 503 leaves none out.
    public static func errorMargin(records: Int) -> Double {
        max(2, Double(records) / 100)
    }
    /// The fewest runs a side for which the test can reach `significance` (4 against 4:
    /// one ordering in 70).
    public static let minimumRuns = 4

    public let standing: Standing
    /// Median wall time over the leader's.
    public let ratio: Double
    /// The 95% interval of `ratio`; nil for the leader itself.
    public let ratioLow: Double?
    public let ratioHigh: Double?
    /// The one-sided p-value that this row is slower than the leader; nil for the leader.
    public let pValue: Double?

    public init(standing: Standing, ratio: Double, ratioLow: Double?, ratioHigh: Double?, pValue: Double?) {
        self.standing = standing
        self.ratio = ratio
        self.ratioLow = ratioLow
        self.ratioHigh = ratioHigh
        self.pValue = pValue
    }

    /// The noise a tie allows, as a fraction (0.04 for ±4%): how far the ratio's interval
    /// reaches from 1.
    public var noise: Double? {
        guard let ratioLow, let ratioHigh else { return nil }
        return MedianRatioInterval(low: ratioLow, high: ratioHigh).reachAroundOne
    }

    /// One verdict per row, in the rows' order, from each row's wall time per run and
    /// its median count of failed transfers out of `records` (none by default). Rows
    /// with more failures than the fewest, by more than `errorMargin`, are left out: the
    /// leader is the fastest of those that did the whole work.
    public static func verdicts(
        wallSecondsPerRow rows: [[Double]], errorsPerRow: [Double]? = nil, records: Int = 0
    ) -> [WallVerdict] {
        let medians = rows.map { Spread($0).median }
        let errors = errorsPerRow ?? rows.map { _ in 0 }
        let allowed = (errors.min() ?? 0) + errorMargin(records: records)
        let candidates = rows.indices.filter { errors[$0] <= allowed }
        guard let leader = candidates.min(by: { medians[$0] < medians[$1] }) else { return [] }
        let leaderRuns = rows[leader]
        var verdicts = rows.indices.map { index -> WallVerdict in
            let ratio = medians[leader] > 0 ? medians[index] / medians[leader] : 1
            guard errors[index] <= allowed else {
                return WallVerdict(standing: .moreErrors, ratio: ratio, ratioLow: nil, ratioHigh: nil, pValue: nil)
            }
            guard index != leader else {
                return WallVerdict(standing: .tied, ratio: 1, ratioLow: nil, ratioHigh: nil, pValue: nil)
            }
            guard rows[index].count >= minimumRuns && leaderRuns.count >= minimumRuns && medians[leader] > 0 else {
                return WallVerdict(standing: .untested, ratio: ratio, ratioLow: nil, ratioHigh: nil, pValue: nil)
            }
            let interval = MedianRatioInterval(numerator: rows[index], denominator: leaderRuns)
            let p = MannWhitneyTest.pValue(slower: rows[index], faster: leaderRuns)
            let holds = p < significance && interval.low > 1 && ratio >= 1 + smallestDifference
            return WallVerdict(
                standing: holds ? .slower : .tied, ratio: ratio, ratioLow: interval.low, ratioHigh: interval.high,
                pValue: p)
        }
        let others = candidates.filter { $0 != leader }
        if leaderRuns.count < minimumRuns {
            verdicts[leader] = WallVerdict(standing: .untested, ratio: 1, ratioLow: nil, ratioHigh: nil, pValue: nil)
        } else if others.allSatisfy({ verdicts[$0].standing == .slower }) && !others.isEmpty {
            verdicts[leader] = WallVerdict(standing: .fastest, ratio: 1, ratioLow: nil, ratioHigh: nil, pValue: nil)
        }
        return verdicts
    }
}
