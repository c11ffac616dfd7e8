/// Time-weighted sums over the equal columns of a timeline: each interval adds its
/// overlap with every column it crosses, in constant time however many columns that is
/// (a difference array for the columns it covers whole, direct sums for its two ends).
/// This keeps the aggregated timeline linear in the number of records.
struct ColumnIntegral {
    let columns: Int
    let columnSeconds: Double
    /// Weighted seconds from intervals' partly covered end columns.
    private var partial: [Double]
    /// Difference array of the weight of intervals covering a column whole.
    private var coverage: [Double]

    init(columns: Int, duration: Double) {
        self.columns = max(1, columns)
        columnSeconds = duration > 0 ? duration / Double(self.columns) : 1
        partial = Array(repeating: 0, count: self.columns)
        coverage = Array(repeating: 0, count: self.columns + 1)
    }

    mutating func add(from start: Double, to end: Double, weight: Double = 1) {
        let limit = columnSeconds * Double(columns)
        let start = min(max(start, 0), limit)
        let end = min(max(end, 0), limit)
        guard end > start else { return }
        let first = min(Int(start / columnSeconds), columns - 1)
        let last = min(Int(end / columnSeconds), columns - 1)
        if first == last {
            partial[first] += (end - start) * weight
            return
        }
        partial[first] += (Double(first + 1) * columnSeconds - start) * weight
        partial[last] += (end - Double(last) * columnSeconds) * weight
        if last > first + 1 {
            coverage[first + 1] += weight
            coverage[last] -= weight
        }
    }

    /// The mean weight over each column's time (with weight 1: how many intervals were
    /// open, on average).
    func means() -> [Double] {
        var running = 0.0
        var result = [Double](repeating: 0, count: columns)
        for column in 0..<columns {
            running += coverage[column]
            result[column] = running + partial[column] / columnSeconds
        }
        return result
    }
}
