import FetchKit

/// The aligned table `cfetch bench` prints: medians, the wall time's range, the fastest
/// strategy marked and every other's ratio to it.
public enum BenchTable {
    static let columns = [
        "strategy", "wall s (min-max)", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "queued ms",
        "transfer ms", "CPU s", "RSS MB", "threads", "errors", "vs fastest",
    ]

    /// - Parameter bold: mark the fastest row in bold (a terminal without NO_COLOR).
    public static func render(_ comparison: BenchComparison, bold: Bool = false) -> String {
        let fastest = comparison.fastest?.strategy
        var rows = [columns]
        for row in comparison.strategies {
            let marker = row.strategy == fastest ? " *" : ""
            rows.append([
                row.strategy.rawValue + marker,
                NumberText.fixed(row.wallSeconds.median, 3)
                    + " (\(NumberText.fixed(row.wallSeconds.min, 3))-\(NumberText.fixed(row.wallSeconds.max, 3)))",
                NumberText.fixed(row.requestsPerSecond.median, 0),
                millis(row.latencyP50), millis(row.latencyP90), millis(row.latencyP99), millis(row.latencyMax),
                millis(row.queuedMean), millis(row.transferMean),
                NumberText.fixed(row.cpuSeconds.median, 2), NumberText.fixed(row.peakRSSMegabytes.median, 1),
                NumberText.fixed(row.peakThreads.median, 0), NumberText.fixed(row.errors.median, 0),
                row.strategy == fastest ? "fastest" : "\(NumberText.fixed(comparison.ratio(row), 2))x",
            ])
        }
        let widths = columns.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for (number, row) in rows.enumerated() {
            var line = ""
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // Names to the left, numbers to the right, as a reader scans them.
                line += column == 0 ? cell + padding : padding + cell
                if column < row.count - 1 { line += "  " }
            }
            let isFastest = number > 0 && comparison.strategies[number - 1].strategy == fastest
            text += (bold && isFastest ? "\u{1B}[1m\(line)\u{1B}[0m" : line) + "\n"
        }
        text += "\n\(comparison.workload); -j \(comparison.concurrency); medians of \(comparison.repeats) run(s)"
        text += "; * fastest by median wall time\n"
        return text
    }

    /// CSV (RFC 4180): one row per strategy, each measure as median, min and max.
    public static func csv(_ comparison: BenchComparison) -> String {
        let measures: [(String, (StrategySummary) -> Spread)] = [
            ("wall_s", \.wallSeconds), ("req_per_s", \.requestsPerSecond), ("p50_s", \.latencyP50),
            ("p90_s", \.latencyP90), ("p99_s", \.latencyP99), ("max_s", \.latencyMax),
            ("queued_mean_s", \.queuedMean), ("transfer_mean_s", \.transferMean), ("cpu_s", \.cpuSeconds),
            ("rss_mb", \.peakRSSMegabytes), ("threads", \.peakThreads), ("errors", \.errors),
        ]
        var header = ["strategy", "runs", "records"]
        for (name, _) in measures { header += [name, "\(name)_min", "\(name)_max"] }
        var lines = [header.joined(separator: ",")]
        for row in comparison.strategies {
            var cells = [row.strategy.rawValue, String(row.runs), String(row.records)]
            for (_, measure) in measures {
                let spread = measure(row)
                cells += [spread.median, spread.min, spread.max].map { NumberText.fixed($0, 6) }
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func millis(_ spread: Spread) -> String {
        NumberText.fixed(spread.median * 1000, 1)
    }
}
