/// One cell of the comparison, as data: the text table and the HTML table each decide
/// how a range, a ratio and the fastest's mark look.
enum BenchCell: Equatable {
    /// The runs' min–max range of a value, formatted as the value is.
    struct Range: Equatable {
        let min: String
        let max: String
    }

    /// A strategy's name; the fastest is marked.
    case strategy(String, isFastest: Bool)
    /// A formatted median, and its range in a column that shows one.
    case value(String, range: Range?)
    /// How many times slower than the fastest, formatted ("1.03").
    case ratio(String)
    /// The fastest strategy's own ratio cell.
    case fastest
}
