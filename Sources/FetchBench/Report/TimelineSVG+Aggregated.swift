extension TimelineSVG {
    /// At most this many rows: more workers share a row (a band).
    static let maxBands = 80
    /// Rows × columns stays under this, which bounds the segments drawn (runs of equal
    /// cells merge into one stroke, so most runs draw far fewer).
    static let maxCells = 20_000
    /// Below this share of a cell's busy time, failures don't colour it.
    static let failureShare = 0.2

    private struct Cell {
        let outcome: TransferOutcome
        /// Busy share in quarters, 1...4.
        let level: Int
    }

    /// A grid of rows (workers or bands of workers) × time columns. Each cell's colour is
    /// the outcome of most of its busy time — failures when they are at least 20% of it —
    /// and its opacity how busy the row's workers were then, in quarters. A row is one path
    /// per colour and opacity (`BarStrokes`), not a rect per cell: the grid of a 10,000-
    /// transfer run stays tens of kilobytes. Single failures, which no cell shows, are
    /// marked over the grid by `FailureMarks`.
    func drawAggregated(_ lanes: TimelineLanes, reason: String, into svg: inout String) -> String {
        let columns = [1000, 500, 250].first { lanes.rows * $0 <= Self.maxCells } ?? 250
        let columnWidth = TimelineScale.plotWidth / Double(columns)
        let outcomes = TransferOutcome.allCases.count
        var busy = Array(
            repeating: ColumnIntegral(columns: columns, duration: scale.duration),
            count: lanes.rows * outcomes
        )
        var counts = Array(repeating: 0, count: lanes.rows * outcomes)
        // Instant transfers (a rejected URL) still occupy a sliver, or a run of them would
        // leave an empty timeline.
        let shortest = scale.duration / Double(columns) / 4
        for (record, span) in zip(records, spans) {
            let slot = lanes.row(of: record.worker) * outcomes + TransferOutcome(record).rawValue
            busy[slot].add(from: span.begin, to: max(span.end, span.begin + shortest))
            counts[slot] += 1
        }
        let padding = lanes.rowHeight >= 6 ? 1.0 : 0
        svg += "<g class=\"strokes\" stroke-width=\"\(ReportNumber.px(lanes.rowHeight - 2 * padding))\">"
        let levels = 4
        for row in 0..<lanes.rows {
            let slots = row * outcomes..<(row + 1) * outcomes
            guard counts[slots].contains(where: { $0 > 0 }) else { continue }
            let means = slots.map { busy[$0].means() }
            let capacity = Double(lanes.workers(in: row).count)
            svg += "<g><title>\(Self.rowSummary(lanes.label(row), counts: Array(counts[slots])))</title>"
            // A path per outcome and busy level; runs of equal cells merge into one stroke.
            let centre = Self.lanesTop + (Double(row) + 0.5) * lanes.rowHeight
            var strokes = Array(repeating: BarStrokes(centre: centre), count: outcomes * levels)
            for column in 0..<columns {
                guard let cell = Self.cell(means.map { $0[column] }, capacity: capacity) else { continue }
                let left = TimelineScale.plotLeft + Double(column) * columnWidth
                strokes[cell.outcome.rawValue * levels + cell.level - 1].add(from: left, to: left + columnWidth)
            }
            for (slot, var path) in strokes.enumerated() where !path.isEmpty {
                let outcome = TransferOutcome.allCases[slot / levels]
                let level = slot % levels + 1
                svg +=
                    "<path class=\"\(outcome.cssClass)\(level < levels ? " q\(level)" : "")\" d=\"\(path.finish())\"/>"
            }
            svg += "</g>"
        }
        svg += "</g>"
        let rows =
            lanes.isBanded
            ? "each row is a band of \(lanes.workersPerRow) workers"
            : "each row is one worker"
        return "Aggregated view: \(reason). \(records.count) transfers on \(lanes.workers) workers; \(rows), "
            + "time is cut into \(columns) columns of \(ReportNumber.px(columnWidth)) px "
            + "(\(ReportNumber.millis(scale.duration / Double(columns))) each). A cell's colour is the outcome of "
            + "most of its busy time (a failure colour when failures are at least "
            + "\(Int(Self.failureShare * 100))% of it); its opacity is how busy the row's workers were, in "
            + "quarters. Hover a row for its counts; while failures are few, a failure's mark for its URL."
    }

    /// The cell for one column of a row, from the workers' busy time per outcome.
    private static func cell(_ busy: [Double], capacity: Double) -> Cell? {
        let total = busy.reduce(0, +)
        let occupancy = min(1, total / capacity)
        guard occupancy >= 0.001 else { return nil }
        var outcome = TransferOutcome.ok
        let failed = total - busy[TransferOutcome.ok.rawValue]
        if failed >= failureShare * total {
            let worst = TransferOutcome.allCases.dropFirst().max { busy[$0.rawValue] < busy[$1.rawValue] }
            outcome = worst ?? .failed
        }
        return Cell(outcome: outcome, level: min(4, max(1, Int((occupancy * 4).rounded(.up)))))
    }
}
