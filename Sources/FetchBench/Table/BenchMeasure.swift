import FetchKit

/// What a column of the comparison shows of each row's summary, and how; a row without
/// the measure (another tool's latency) shows "-".
struct BenchMeasure {
    /// The row's measure; nil where the row cannot have it.
    let spread: (StrategySummary) -> Spread?
    /// Its name in the CSV, where values keep the summary's own unit (seconds, not ms).
    let csvName: String
    /// The table's unit over the summary's: 1000 for milliseconds.
    let scale: Double
    /// Decimals in the table.
    let digits: Int

    init(_ spread: KeyPath<StrategySummary, Spread>, csvName: String, scale: Double = 1, digits: Int) {
        self.init(optional: { $0[keyPath: spread] }, csvName: csvName, scale: scale, digits: digits)
    }

    /// A measure some rows do not have.
    init(optional spread: @escaping (StrategySummary) -> Spread?, csvName: String, scale: Double = 1, digits: Int) {
        self.spread = spread
        self.csvName = csvName
        self.scale = scale
        self.digits = digits
    }

    /// A latency in seconds, shown in milliseconds with one decimal.
    static func millis(_ spread: KeyPath<StrategySummary, Spread?>, csvName: String) -> BenchMeasure {
        BenchMeasure(optional: { $0[keyPath: spread] }, csvName: csvName, scale: 1000, digits: 1)
    }

    /// `value` (in the summary's unit) as the table prints it.
    func text(_ value: Double) -> String {
        NumberText.fixed(value * scale, digits)
    }
}
