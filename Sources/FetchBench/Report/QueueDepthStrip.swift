import FetchKit

/// The queue's depth over a run — how many URLs were waiting for a worker — as a filled
/// step chart above a timeline's lanes. One path, however many records.
enum QueueDepthStrip {
    /// Two pixels per step: finer than the eye needs, coarse enough to stay small.
    static let pixelsPerColumn = 2.0

    static func draw(
        _ spans: [TransferSpan],
        scale: TimelineScale,
        top: Double,
        height: Double,
        into svg: inout String
    ) {
        let columns = Int(TimelineScale.plotWidth / pixelsPerColumn)
        var waiting = ColumnIntegral(columns: columns, duration: scale.duration)
        for span in spans { waiting.add(from: span.queuedFrom, to: span.begin) }
        let depths = waiting.means()
        let deepest = depths.max() ?? 0
        let base = top + height
        let labelX = ReportNumber.px(TimelineScale.plotLeft - 6)
        svg += "<text x=\"\(labelX)\" y=\"\(ReportNumber.px(top + 12))\" text-anchor=\"end\">queue</text>"
        let peak = deepest > 0 ? "≤ \(NumberText.fixed(deepest, deepest < 10 ? 1 : 0))" : "empty"
        svg += "<text x=\"\(labelX)\" y=\"\(ReportNumber.px(top + 25))\" text-anchor=\"end\">\(peak)</text>"
        svg += "<title>URLs waiting for a worker (mean per \(ReportNumber.px(pixelsPerColumn)) px column)</title>"
        if deepest > 0 {
            var path = "M\(ReportNumber.px(TimelineScale.plotLeft)),\(ReportNumber.px(base))"
            var lastY = base
            for (column, depth) in depths.enumerated() {
                let y = base - depth / deepest * height
                if (y - lastY).magnitude >= 0.05 {
                    path += "V\(ReportNumber.px(y))"
                    lastY = y
                }
                path += "H\(ReportNumber.px(TimelineScale.plotLeft + Double(column + 1) * pixelsPerColumn))"
            }
            path += "V\(ReportNumber.px(base))Z"
            svg += "<path class=\"queue\" d=\"\(path)\"/>"
        }
        svg += "<line class=\"axis\" x1=\"\(ReportNumber.px(TimelineScale.plotLeft))\" y1=\"\(ReportNumber.px(base))\" "
        svg += "x2=\"\(ReportNumber.px(scale.plotRight))\" y2=\"\(ReportNumber.px(base))\"/>"
    }
}
