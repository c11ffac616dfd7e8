import FetchKit

extension TimelineSVG {
    /// Tooltip messages are cut here: curl's can run to a paragraph.
    static let maxMessageLength = 120

    /// One bar per ok transfer with its own tooltip, and under it a thin line for the time
    /// its URL waited in the queue. Failures are drawn over them by `FailureMarks`.
    func drawDetailed(_ lanes: TimelineLanes, into svg: inout String) -> String {
        let rowHeight = lanes.rowHeight
        let queueHeight = rowHeight >= 10 ? 2.0 : 1
        let padding = rowHeight >= 8 ? 1.0 : 0
        let barHeight = max(1, rowHeight - queueHeight - 2 * padding)
        // Queue lines first, so that bars are drawn over them.
        for (record, span) in zip(records, spans) where scale.pixels(span.begin - span.queuedFrom) >= 0.5 {
            let top = Self.lanesTop + Double(lanes.row(of: record.worker)) * rowHeight
            svg += "<rect class=\"qw\" x=\"\(ReportNumber.px(scale.x(span.queuedFrom)))\" "
            svg += "y=\"\(ReportNumber.px(top + padding + barHeight))\" "
            svg += "width=\"\(ReportNumber.px(scale.pixels(span.begin - span.queuedFrom)))\" "
            svg += "height=\"\(ReportNumber.px(queueHeight))\"/>"
        }
        for (record, span) in zip(records, spans) where TransferOutcome(record) == .ok {
            let top = Self.lanesTop + Double(lanes.row(of: record.worker)) * rowHeight
            svg += "<rect class=\"bar \(TransferOutcome(record).cssClass)\" "
            svg += "x=\"\(ReportNumber.px(scale.x(span.begin)))\" y=\"\(ReportNumber.px(top + padding))\" "
            svg += "width=\"\(ReportNumber.px(max(1, scale.pixels(span.end - span.begin))))\" "
            svg += "height=\"\(ReportNumber.px(barHeight))\"><title>"
            svg += HTMLEscaping.escape(Self.tooltip(record)) + "</title></rect>"
        }
        return "One bar per transfer (\(records.count)), from its worker taking the URL to finishing it; "
            + "the thin line under a bar is how long that URL had waited in the queue. "
            + "Hover a bar for its URL and result."
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
