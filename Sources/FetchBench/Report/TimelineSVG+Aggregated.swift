extension TimelineSVG {
    /// At most this many rows: more workers share a row (a band).
    static let maxBands = 80
    /// Rows × columns stays under this, which bounds the rects drawn (runs of equal
    /// cells merge into one, so most runs draw far fewer).
    static let maxCells = 20_000
    /// Below this share of a cell's busy time, failures don't colour it.
    static let failureShare = 0.2

    private struct Cell: Equatable {
        let outcome: TransferOutcome
        /// Busy share in quarters, 1...4.
        let level: Int
    }

    /// A grid of rows (workers or bands of workers) × time columns. Each cell's colour is
    /// the outcome of most of its busy time — failures when they are at least 20% of it —
    /// and its opacity how busy the row's workers were then, in quarters.
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
        for row in 0..<lanes.rows {
            let slots = row * outcomes..<(row + 1) * outcomes
            guard counts[slots].contains(where: { $0 > 0 }) else { continue }
            let means = slots.map { busy[$0].means() }
            let capacity = Double(lanes.workers(in: row).count)
            svg += "<g><title>\(Self.rowSummary(lanes.label(row), counts: Array(counts[slots])))</title>"
            let top = ReportNumber.px(Self.lanesTop + Double(row) * lanes.rowHeight + padding)
            let height = ReportNumber.px(lanes.rowHeight - 2 * padding)
            var runStart = 0
            var current: Cell?
            for column in 0...columns {
                let cell = column < columns ? Self.cell(means.map { $0[column] }, capacity: capacity) : nil
                guard column == columns || cell != current else { continue }
                if let current {
                    svg += "<rect class=\"\(current.outcome.cssClass)"
                    if current.level < 4 { svg += " q\(current.level)" }
                    svg += "\" x=\"\(ReportNumber.px(TimelineScale.plotLeft + Double(runStart) * columnWidth))\" "
                    svg += "y=\"\(top)\" width=\"\(ReportNumber.px(Double(column - runStart) * columnWidth))\" "
                    svg += "height=\"\(height)\"/>"
                }
                current = cell
                runStart = column
            }
            svg += "</g>"
        }
        let rows =
            lanes.isBanded
            ? "each row is a band of \(lanes.workersPerRow) workers"
            : "each row is one worker"
        return "Aggregated view: \(reason). \(records.count) transfers on \(lanes.workers) workers; \(rows), "
            + "time is cut into \(columns) columns of \(ReportNumber.px(columnWidth)) px "
            + "(\(ReportNumber.millis(scale.duration / Double(columns))) each). A cell's colour is the outcome of "
            + "most of its busy time (a failure colour when failures are at least "
            + "\(Int(Self.failureShare * 100))% of it); its opacity is how busy the row's workers were, in "
            + "quarters. Queue waits show as the queue's depth above the lanes. Hover a row for its counts."
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

    /// "workers 1–13: 130 transfers (128 ok, 2 network error / timeout)".
    private static func rowSummary(_ label: String, counts: [Int]) -> String {
        let parts = TransferOutcome.allCases.compactMap { outcome -> String? in
            counts[outcome.rawValue] > 0 ? "\(counts[outcome.rawValue]) \(outcome.label)" : nil
        }
        let name = label.hasPrefix("worker") ? label : "workers \(label)"
        return HTMLEscaping.escape("\(name): \(counts.reduce(0, +)) transfers (\(parts.joined(separator: ", ")))")
    }
}
