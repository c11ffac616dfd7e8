import FetchKit

/// A run's task latencies (each record's `elapsed`) as an SVG histogram on the axis the
/// report's strategies share, with the run's p50, p90 and p99 marked.
struct LatencyHistogramSVG {
    static let plotTop = 46.0
    static let plotHeight = 140.0

    let sample: BenchSample
    let axis: LatencyAxis

    func render() -> (svg: String, caption: String) {
        var counts = [Int](repeating: 0, count: LatencyAxis.bins)
        for record in sample.records where record.elapsed.isFinite {
            counts[axis.bin(record.elapsed * 1000)] += 1
        }
        let tallest = max(1, counts.max() ?? 1)
        let bottom = Self.plotTop + Self.plotHeight
        let height = ReportNumber.px(bottom + 40)
        let width = ReportNumber.px(TimelineScale.width)
        var svg = "<svg class=\"histogram\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" "
        svg +=
            "height=\"\(height)\" role=\"img\" aria-label=\"latency histogram of \(sample.records.count) transfers\">"
        drawCountAxis(tallest, bottom: bottom, into: &svg)
        let ticks = axis.ticks.map { SVGAxis.Tick(position: x(axis.fraction($0)), label: axis.label($0)) }
        SVGAxis.drawBottom(
            ticks,
            y: bottom,
            left: TimelineScale.plotLeft,
            right: TimelineScale.plotLeft + TimelineScale.plotWidth,
            gridTop: Self.plotTop,
            title: "task latency, ms" + (axis.logarithmic ? " (log scale)" : ""),
            into: &svg
        )
        for (bin, count) in counts.enumerated() where count > 0 {
            let left = x(Double(bin) / Double(LatencyAxis.bins))
            let right = x(Double(bin + 1) / Double(LatencyAxis.bins))
            let barHeight = max(1, Double(count) / Double(tallest) * Self.plotHeight)
            svg +=
                "<rect class=\"hbar\" x=\"\(ReportNumber.px(left + 0.5))\" y=\"\(ReportNumber.px(bottom - barHeight))\" "
            svg +=
                "width=\"\(ReportNumber.px(max(1, right - left - 1)))\" height=\"\(ReportNumber.px(barHeight))\"><title>"
            svg += "\(axis.binLabel(bin)): \(count) transfers</title></rect>"
        }
        drawPercentiles(bottom: bottom, into: &svg)
        svg += "</svg>"
        let caption =
            "Task latency (a record's elapsed: from its worker taking the URL to finishing it, all attempts) of "
            + "this run's \(sample.records.count) transfers, in \(LatencyAxis.bins) "
            + (axis.logarithmic ? "log-spaced" : "equal") + " bins on one axis for every strategy. "
            + "Dashed lines: this run's p50, p90 and p99."
        return (svg, caption)
    }

    private func x(_ fraction: Double) -> Double {
        TimelineScale.plotLeft + fraction * TimelineScale.plotWidth
    }

    /// Counts up the left side: 0, the tallest bin, and round steps between.
    private func drawCountAxis(_ tallest: Int, bottom: Double, into svg: inout String) {
        let (values, _) = SVGAxis.linearTicks(from: 0, to: Double(tallest), count: 4)
        let labelX = ReportNumber.px(TimelineScale.plotLeft - 6)
        // Counts are whole: a step of 0.5 (a tallest bin of 1) would print "1" twice.
        for value in values where value <= Double(tallest) && value == value.rounded() {
            let y = ReportNumber.px(bottom - value / Double(tallest) * Self.plotHeight)
            svg += "<text x=\"\(labelX)\" y=\"\(y)\" dy=\"4\" text-anchor=\"end\">\(NumberText.fixed(value, 0))</text>"
        }
        svg += "<text x=\"\(labelX)\" y=\"\(ReportNumber.px(Self.plotTop - 8))\" text-anchor=\"end\">transfers</text>"
    }

    /// A dashed line per percentile, labels on their own rows so close ones don't overlap.
    private func drawPercentiles(bottom: Double, into svg: inout String) {
        guard !sample.records.isEmpty else { return }
        let percentiles = LatencyPercentiles(sample)
        let marks = [("p50", percentiles.p50), ("p90", percentiles.p90), ("p99", percentiles.p99)]
        for (row, (name, seconds)) in marks.enumerated() {
            let position = x(axis.fraction(seconds * 1000))
            let labelY = 12 + Double(row) * 12
            let nearRight = position > TimelineScale.plotLeft + TimelineScale.plotWidth - 120
            svg +=
                "<line class=\"pct \(name)\" x1=\"\(ReportNumber.px(position))\" y1=\"\(ReportNumber.px(labelY + 3))\" "
            svg += "x2=\"\(ReportNumber.px(position))\" y2=\"\(ReportNumber.px(bottom))\"/>"
            svg += "<text class=\"\(name)\" x=\"\(ReportNumber.px(position + (nearRight ? -4 : 4)))\" "
            svg += "y=\"\(ReportNumber.px(labelY))\" text-anchor=\"\(nearRight ? "end" : "start")\">"
            svg += "\(name) \(ReportNumber.millis(seconds))</text>"
        }
    }
}
