import FetchKit

extension TimelineSVG {
    /// Tooltip messages are cut here: curl's can run to a paragraph.
    static let maxMessageLength = 120
    /// Up to this many transfers in a run, each ok bar has a tooltip of its own; beyond,
    /// a tooltip per lane (a failure's mark always has its own). Tooltips carry the URL,
    /// a hundred bytes or more each: 2,000 of them in five runs were most of a 2 MB page.
    static let maxTooltips = 400
    /// Bars at least this wide stop 1 px short, so that back-to-back transfers show as
    /// bars rather than one unbroken band.
    static let gapFrom = 3.0

    /// One bar per ok transfer, from its worker taking the URL to finishing it, as one
    /// path per lane (`BarStrokes`); failures are drawn over them by `FailureMarks`.
    func drawDetailed(_ lanes: TimelineLanes, into svg: inout String) -> String {
        let padding = lanes.rowHeight >= 8 ? 1.0 : 0
        let barHeight = max(1, lanes.rowHeight - 2 * padding)
        var byRow = [[Int]](repeating: [], count: lanes.rows)
        for (index, record) in records.enumerated() { byRow[lanes.row(of: record.worker)].append(index) }
        svg += "<g class=\"strokes\" stroke-width=\"\(ReportNumber.px(barHeight))\">"
        for (row, indices) in byRow.enumerated() where !indices.isEmpty {
            let counts = FailureMarks.counts(indices.map { records[$0] })
            svg += "<g><title>\(Self.rowSummary(lanes.label(row), counts: counts))</title>"
            var strokes = BarStrokes(centre: Self.lanesTop + (Double(row) + 0.5) * lanes.rowHeight)
            for index in indices.sorted(by: { spans[$0].begin < spans[$1].begin })
            where TransferOutcome(records[index]) == .ok {
                let left = scale.x(spans[index].begin)
                let width = max(1, scale.pixels(spans[index].end - spans[index].begin))
                strokes.add(from: left, to: left + (width >= Self.gapFrom ? width - 1 : width))
            }
            if !strokes.isEmpty { svg += "<path class=\"ok\" d=\"\(strokes.finish())\"/>" }
            svg += "</g>"
        }
        svg += "</g>"
        let tooltips = records.count <= Self.maxTooltips
        if tooltips { drawHoverTargets(lanes, padding: padding, barHeight: barHeight, into: &svg) }
        return "One bar per transfer (\(records.count)), from its worker taking the URL to finishing it; bars "
            + "\(ReportNumber.px(Self.gapFrom)) px or wider stop 1 px short so that back-to-back transfers stay "
            + "apart. Hover "
            + (tooltips
                ? "a bar for its URL and result."
                : "a lane for its counts; while failures are few, a failure's mark for its URL.")
    }

    /// Invisible rects over the ok bars, each with its transfer's tooltip.
    private func drawHoverTargets(_ lanes: TimelineLanes, padding: Double, barHeight: Double, into svg: inout String) {
        for (record, span) in zip(records, spans) where TransferOutcome(record) == .ok {
            let top = Self.lanesTop + Double(lanes.row(of: record.worker)) * lanes.rowHeight + padding
            svg += "<rect class=\"hit\" x=\"\(ReportNumber.px(scale.x(span.begin)))\" y=\"\(ReportNumber.px(top))\" "
            svg += "width=\"\(ReportNumber.px(max(1, scale.pixels(span.end - span.begin))))\" "
            svg += "height=\"\(ReportNumber.px(barHeight))\"><title>"
            svg += HTMLEscaping.escape(Self.tooltip(record)) + "</title></rect>"
        }
    }

    /// "#12 https://…" then the outcome, the time taken and where it waited.
    static func tooltip(_ record: FetchRecord) -> String {
        var outcome = record.status.map(String.init) ?? "no response"
        if let error = record.error, error != .http || record.status == nil {
            outcome += " — \(error.rawValue)"
            if let message = record.message, !message.isEmpty {
                outcome += ": " + (message.count > maxMessageLength ? message.prefix(maxMessageLength) + "…" : message)
            }
        }
        var text = "#\(record.index) \(record.url)\n\(outcome) · \(ReportNumber.millis(record.elapsed))"
        text += " · worker \(record.worker) · queued \(ReportNumber.millis(record.queued))"
        if record.attempts > 1 { text += " · \(record.attempts) attempts" }
        return text
    }
}
