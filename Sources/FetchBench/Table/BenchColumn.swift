import FetchKit

/// The columns of the comparison, in order. The text table, the report's HTML table and
/// the CSV export all read this one list, so they cannot disagree on what is shown, or
/// in which order.
enum BenchColumn: CaseIterable {
    case strategy
    case wall
    case requestsPerSecond
    case latencyP50
    case latencyP90
    case latencyP99
    case latencyMax
    case queued
    case hostWait
    case transfer
    case cpu
    case rss
    case threads
    case errors
    case versusFastest

    /// The heading, less the range note a column with `hasRange` adds to it.
    var title: String {
        switch self {
        case .strategy: "strategy"
        case .wall: "wall s"
        case .requestsPerSecond: "req/s"
        case .latencyP50: "p50 ms"
        case .latencyP90: "p90 ms"
        case .latencyP99: "p99 ms"
        case .latencyMax: "max ms"
        case .queued: "queued ms"
        case .hostWait: "host wait ms"
        case .transfer: "transfer ms"
        case .cpu: "CPU s"
        case .rss: "RSS MB"
        case .threads: "threads"
        case .errors: "errors"
        case .versusFastest: "verdict"
        }
    }

    /// Whether the cells show the runs' min–max range after the median. Only the wall
    /// time's does: every range would make the table too wide to read.
    var hasRange: Bool { self == .wall }

    /// The measure shown; nil for the strategy's name and its verdict.
    var measure: BenchMeasure? {
        switch self {
        case .strategy, .versusFastest: nil
        case .wall: BenchMeasure(\.wallSeconds, csvName: "wall_s", digits: 3)
        case .requestsPerSecond: BenchMeasure(\.requestsPerSecond, csvName: "req_per_s", digits: 0)
        case .latencyP50: .millis(\.latencyP50, csvName: "p50_s")
        case .latencyP90: .millis(\.latencyP90, csvName: "p90_s")
        case .latencyP99: .millis(\.latencyP99, csvName: "p99_s")
        case .latencyMax: .millis(\.latencyMax, csvName: "max_s")
        case .queued: .millis(\.queuedMean, csvName: "queued_mean_s")
        case .hostWait: .millis(\.hostWaitMean, csvName: "host_wait_mean_s")
        case .transfer: .millis(\.transferMean, csvName: "transfer_mean_s")
        case .cpu: BenchMeasure(\.cpuSeconds, csvName: "cpu_s", digits: 2)
        case .rss: BenchMeasure(\.peakRSSMegabytes, csvName: "rss_mb", digits: 1)
        case .threads: BenchMeasure(\.peakThreads, csvName: "threads", digits: 0)
        case .errors: BenchMeasure(\.errors, csvName: "errors", digits: 0)
        }
    }

    /// One strategy's row, a cell per column in order.
    static func cells(for row: StrategySummary, in comparison: BenchComparison) -> [BenchCell] {
        let isFastest = row.contender == comparison.fastest?.contender
        return allCases.map { $0.cell(for: row, isFastest: isFastest, ratio: comparison.ratio(row)) }
    }

    /// The verdict cell of a row whose median is `ratio` times the leader's.
    static func verdict(_ verdict: WallVerdict?, ratio: Double) -> BenchCell.Verdict {
        let ratioText = NumberText.fixed(ratio, 2)
        guard let verdict else { return .alone }
        switch verdict.standing {
        case .fastest: return .fastest
        case .slower: return .slower(ratio: ratioText)
        case .untested: return .untested(ratio: ratioText)
        case .moreErrors: return .moreErrors
        case .tied:
            guard let noise = verdict.noise else { return .tiedLeader }
            return .tied(ratio: ratioText, noise: BenchComparison.percentText(noise))
        }
    }

    private func cell(for row: StrategySummary, isFastest: Bool, ratio: Double) -> BenchCell {
        if let measure {
            guard let spread = measure.spread(row) else { return .value("-", range: nil) }
            let range = hasRange ? BenchCell.Range(min: measure.text(spread.min), max: measure.text(spread.max)) : nil
            return .value(measure.text(spread.median), range: range)
        }
        // The two columns without a measure.
        if self == .versusFastest { return .verdict(Self.verdict(row.verdict, ratio: ratio)) }
        return .strategy(
            row.name, anchor: row.contender.isExternal ? nil : row.contender.anchor, isFastest: isFastest)
    }
}
