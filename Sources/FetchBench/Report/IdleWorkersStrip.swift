import FetchKit

/// How many workers sat idle waiting for a URL, over a run: a filled step chart above a
/// timeline's lanes, on a fixed scale from none to every worker. One path, however many
/// records.
///
/// It used to show the queue's depth — URLs waiting for a worker — but the input reader
/// fills the queue in chunks, so that strip was mostly the reader's refill sawtooth: deep
/// right after a refill, draining until the next, whatever the workers went through. What
/// a user needs to know is whether the workers were starved of URLs (by the reader, the
/// frontier's per-host limits or the strategy's hand-off), and a worker shows that
/// directly: the time from the end of one of its transfers to the begin of its next is
/// time it waited for a URL. Only those gaps count — not the time before a worker's first
/// transfer (workers start at different moments in different strategies, which the
/// records do not tell) nor after its last (the list had run out: the run was draining,
/// not starving). A run whose workers always had a URL ready shows an empty strip.
enum IdleWorkersStrip {
    /// Two pixels per step: finer than the eye needs, coarse enough to stay small.
    static let pixelsPerColumn = 2.0

    /// The mean number of workers waiting for a URL in each of `columns` equal columns of
    /// `duration` seconds.
    static func idleWorkers(
        _ records: [FetchRecord],
        spans: [TransferSpan],
        columns: Int,
        duration: Double
    ) -> [Double] {
        var idle = ColumnIntegral(columns: columns, duration: duration)
        var byWorker: [Int: [TransferSpan]] = [:]
        for (record, span) in zip(records, spans) { byWorker[record.worker, default: []].append(span) }
        for spans in byWorker.values {
            let ordered = spans.sorted { $0.begin < $1.begin }
            var busyUntil = ordered[0].end
            for span in ordered.dropFirst() {
                if span.begin > busyUntil { idle.add(from: busyUntil, to: span.begin) }
                busyUntil = max(busyUntil, span.end)
            }
        }
        return idle.means()
    }

    /// Draws the strip from `top`, `height` px tall, its labels left of the plot.
    static func draw(
        _ records: [FetchRecord],
        spans: [TransferSpan],
        workers: Int,
        scale: TimelineScale,
        top: Double,
        height: Double,
        into svg: inout String
    ) {
        let columns = Int(TimelineScale.plotWidth / pixelsPerColumn)
        let idle = idleWorkers(records, spans: spans, columns: columns, duration: scale.duration)
        let peak = idle.max() ?? 0
        let base = top + height
        let labelX = ReportNumber.px(TimelineScale.plotLeft - 6)
        // One decimal below 10 (judged after rounding, so 9.97 reads "10", not "10.0").
        let digits = peak < 9.95 ? 1 : 0
        let peakText = NumberText.fixed(peak, digits)
        let starved = peakText != NumberText.fixed(0, digits)
        svg += "<g><title>Workers waiting for a URL between two of their transfers (mean per "
        svg += "\(ReportNumber.px(pixelsPerColumn)) px column), from none at the line to all \(workers) at the top"
        svg +=
            "</title><text x=\"\(labelX)\" y=\"\(ReportNumber.px(top + 12))\" text-anchor=\"end\">idle workers</text>"
        svg += "<text x=\"\(labelX)\" y=\"\(ReportNumber.px(top + 25))\" text-anchor=\"end\">"
        svg += (starved ? "≤ \(peakText) of \(workers)" : "none") + "</text>"
        if starved {
            var path = "M\(ReportNumber.px(TimelineScale.plotLeft)) \(ReportNumber.px(base))"
            var lastY = base
            var run = 0.0
            for depth in idle {
                let y = base - min(1, depth / Double(max(1, workers))) * height
                if (y - lastY).magnitude >= 0.05 {
                    if run > 0 { path += "h\(ReportNumber.px(run))" }
                    path += "V\(ReportNumber.px(y))"
                    lastY = y
                    run = 0
                }
                run += pixelsPerColumn
            }
            path += "h\(ReportNumber.px(run))V\(ReportNumber.px(base))Z"
            svg += "<path class=\"idle\" d=\"\(path)\"/>"
        }
        svg += "<line class=\"axis\" x1=\"\(ReportNumber.px(TimelineScale.plotLeft))\" y1=\"\(ReportNumber.px(base))\" "
        svg += "x2=\"\(ReportNumber.px(scale.plotRight))\" y2=\"\(ReportNumber.px(base))\"/></g>"
    }
}
