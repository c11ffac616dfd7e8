import FetchKit

/// One strategy's run as an SVG timeline: x is seconds from the run's start, a lane per
/// worker (worker 1 at the top), a bar per transfer, failures marked over them
/// (`FailureMarks`), and above the lanes how many workers waited for a URL
/// (`IdleWorkersStrip`). When one bar per transfer would be unreadable or too large it
/// draws an aggregated grid instead (`TimelineSVG+Aggregated.swift`) — for every strategy
/// of the report alike (`TimelineView`) — and the caption says so.
struct TimelineSVG {
    /// Above this many transfers, bars are aggregated.
    static let maxBars = 2000
    /// Above this many workers, lanes would be under 3 px: aggregate.
    static let maxLanes = 160
    static let stripTop = 8.0
    static let stripHeight = 36.0
    static let lanesTop = 54.0

    let records: [FetchRecord]
    let spans: [TransferSpan]
    let scale: TimelineScale
    let view: TimelineView

    init(records: [FetchRecord], scale: TimelineScale, view: TimelineView) {
        self.records = records
        spans = records.map(TransferSpan.init)
        self.scale = scale
        self.view = view
    }

    /// Why one run would need aggregating, or nil when it could be drawn one bar per
    /// transfer.
    static func aggregationReason(spans: [TransferSpan], workers: Int, scale: TimelineScale) -> String? {
        if spans.count > maxBars {
            return "\(spans.count) transfers are more than the \(maxBars) drawn one by one"
        }
        if workers > maxLanes {
            return "\(workers) workers would make lanes thinner than 3 px"
        }
        let thin = spans.count { scale.pixels($0.end - $0.begin) < 1 }
        if thin * 2 > spans.count {
            return "most transfers would be bars under 1 px wide"
        }
        return nil
    }

    /// The SVG element and the caption that tells how to read it.
    func render() -> (svg: String, caption: String) {
        let lanes = view.lanes
        let axisY = Self.lanesTop + lanes.height + 4
        let height = ReportNumber.px(axisY + 40)
        var svg = "<svg class=\"timeline\" viewBox=\"0 0 \(ReportNumber.px(TimelineScale.width)) \(height)\" "
        svg += "width=\"\(ReportNumber.px(TimelineScale.width))\" height=\"\(height)\" role=\"img\" "
        svg += "aria-label=\"timeline of \(records.count) transfers over \(view.workers) workers\">"
        IdleWorkersStrip.draw(
            records, spans: spans, workers: view.workers, scale: scale, top: Self.stripTop,
            height: Self.stripHeight, into: &svg)
        drawLanes(lanes, into: &svg)
        SVGAxis.drawBottom(
            scale.ticks,
            y: axisY,
            left: TimelineScale.plotLeft,
            right: scale.plotRight,
            gridTop: Self.lanesTop,
            title: "\(scale.unit) since the run started",
            into: &svg
        )
        let caption: String
        if let reason = view.aggregation {
            caption = drawAggregated(lanes, reason: reason, into: &svg)
        } else {
            caption = drawDetailed(lanes, into: &svg)
        }
        FailureMarks.draw(
            records, spans: spans, lanes: lanes, scale: scale,
            top: { Self.lanesTop + Double($0) * lanes.rowHeight }, height: lanes.rowHeight, into: &svg)
        svg += "</svg>"
        return (svg, caption + " " + Self.stripCaption + " " + view.sharedNote)
    }

    static let stripCaption =
        "Failed transfers are marked over the lanes, at least \(ReportNumber.px(FailureMarks.minWidth)) px wide "
        + "in their outcome's colour, so that even one shows. The strip above the lanes counts the workers that "
        + "waited for a URL between two of their transfers (idle while the run went on): empty when none was "
        + "ever starved, whatever the queue's refills looked like."

    /// Shades every other row and labels the rows that have room for it.
    private func drawLanes(_ lanes: TimelineLanes, into svg: inout String) {
        let labelX = ReportNumber.px(TimelineScale.plotLeft - 6)
        for row in 0..<lanes.rows {
            let top = Self.lanesTop + Double(row) * lanes.rowHeight
            if row % 2 == 1 {
                svg += "<rect class=\"lane\" x=\"\(ReportNumber.px(TimelineScale.plotLeft))\" "
                svg += "y=\"\(ReportNumber.px(top))\" width=\"\(ReportNumber.px(TimelineScale.plotWidth))\" "
                svg += "height=\"\(ReportNumber.px(lanes.rowHeight))\"/>"
            }
            if row % lanes.labelEvery == 0 {
                let baseline = top + min(lanes.rowHeight, 12) / 2 + 4
                svg += "<text x=\"\(labelX)\" y=\"\(ReportNumber.px(baseline))\" text-anchor=\"end\">"
                svg += lanes.label(row) + "</text>"
            }
        }
    }

    /// "worker 3: 130 transfers (128 ok, 2 network error / timeout)", escaped.
    static func rowSummary(_ label: String, counts: [Int]) -> String {
        let parts = TransferOutcome.allCases.compactMap { outcome -> String? in
            counts[outcome.rawValue] > 0 ? "\(counts[outcome.rawValue]) \(outcome.label)" : nil
        }
        let name = label.hasPrefix("worker") ? label : "workers \(label)"
        return HTMLEscaping.escape("\(name): \(counts.reduce(0, +)) transfers (\(parts.joined(separator: ", ")))")
    }
}
