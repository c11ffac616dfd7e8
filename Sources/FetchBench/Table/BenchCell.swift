/// One cell of the comparison, as data: the text table and the HTML table each decide
/// how a range, a ratio and the fastest's mark look.
enum BenchCell: Equatable {
    /// The runs' min–max range of a value, formatted as the value is.
    struct Range: Equatable {
        let min: String
        let max: String
    }

    /// Where a row stands (`WallVerdict`), ratios formatted ("1.03").
    enum Verdict: Equatable {
        /// Ahead of every other row by a difference that holds.
        case fastest
        /// Slower than the leader by a difference that holds.
        case slower(ratio: String)
        /// The leader, with others tied.
        case tiedLeader
        /// Not told apart from the leader: the ratio and the noise ("4%").
        case tied(ratio: String, noise: String)
        /// Too few runs to tell: the ratio to the lowest median.
        case untested(ratio: String)
        /// One row: nothing to compare.
        case alone
        /// Left out: more errors than the others.
        case moreErrors

        /// "fastest", "1.72x", "tied (lowest)", "tied 1.03x ±4%", "1.03x untested", "-";
        /// `times` is the multiplication sign ("x" in text, "×" in HTML).
        func text(times: String) -> String {
            switch self {
            case .fastest: "fastest"
            case .slower(let ratio): ratio + times
            case .tiedLeader: "tied (lowest)"
            case .tied(let ratio, let noise): "tied \(ratio)\(times) ±\(noise)"
            case .untested(let ratio): ratio == "1.00" ? "lowest" : "\(ratio)\(times) untested"
            case .alone: "-"
            case .moreErrors: "more errors"
            }
        }
    }

    /// A row's name, the id of its report section (none for another tool, which has no
    /// section); the fastest is marked.
    case strategy(String, anchor: String?, isFastest: Bool)
    /// A formatted median, and its range in a column that shows one.
    case value(String, range: Range?)
    /// The verdict column.
    case verdict(Verdict)
}
