/// A measurement over repeated runs: its median, and the range it fell in.
public struct Spread: Sendable, Codable, Equatable {
    public let median: Double
    public let min: Double
    public let max: Double

    public init(_ values: [Double]) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else {
            self.init(median: 0, min: 0, max: 0)
            return
        }
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        self.init(median: median, min: sorted[0], max: sorted[sorted.count - 1])
    }

    public init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }
}
