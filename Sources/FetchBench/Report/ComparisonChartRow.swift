import FetchKit

/// One row of the report's comparison chart: a strategy's counted runs, or another
/// tool's (curl, wget2, … run on the same list), as the three measures the chart draws.
/// Values are per run, in run order; the chart marks their median.
///
/// A plain value type rather than `StrategySummary`, so that rows can come from
/// outside cfetch: an external tool has no per-transfer records, only what the
/// operating system measured of its process.
public struct ComparisonChartRow: Sendable, Equatable {
    /// What the row is called: a strategy's name, or a tool's.
    public let label: String
    /// Another tool rather than one of cfetch's strategies: drawn in a colour of its own,
    /// "(external)" after its name.
    public let isExternal: Bool
    public let wallSeconds: [Double]
    public let cpuSeconds: [Double]
    public let peakRSSMegabytes: [Double]

    public init(
        label: String, isExternal: Bool, wallSeconds: [Double], cpuSeconds: [Double], peakRSSMegabytes: [Double]
    ) {
        self.label = label
        self.isExternal = isExternal
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.peakRSSMegabytes = peakRSSMegabytes
    }

    /// A strategy's row from its counted runs.
    public init(runs: [BenchSample]) {
        self.init(
            label: runs.first?.contender.name ?? "",
            isExternal: runs.first?.contender.isExternal ?? false,
            wallSeconds: runs.map(\.wall),
            cpuSeconds: runs.map(\.cpu),
            peakRSSMegabytes: runs.map { Double($0.peakRSSBytes) / 1_000_000 }
        )
    }

    /// The name as the chart prints it.
    /// A row of the comparison, from its runs' figures (another tool's row has no runs to
    /// give the report, only these).
    public init(summary: StrategySummary) {
        self.init(
            label: summary.name, isExternal: summary.contender.isExternal, wallSeconds: summary.wallSecondsPerRun,
            cpuSeconds: summary.cpuSecondsPerRun, peakRSSMegabytes: summary.peakRSSMegabytesPerRun)
    }

    var displayName: String { isExternal ? "\(label) (external)" : label }

    /// The median of `values` (of an even count, the mean of the middle two, as the
    /// comparison table's medians are), nil when there are none.
    static func median(_ values: [Double]) -> Double? {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
