import FetchKit

/// The report's first chart: every row (a strategy, or an external tool) side by side in
/// three panels — wall time, CPU time and peak RSS — so that the answer is visible before
/// any table. Each counted run is a dot; the median is a bar from zero (CPU, RSS) or a
/// tick (wall time, where the dots' spread is the point), and is printed as a number in a
/// column of its own, so it never collides with the dots.
///
/// Every panel's axis starts at 0 — a bar from a cut-off axis would exaggerate
/// differences — and its unit is in its title. External tools' rows are drawn in a colour
/// of their own, "(external)" after their names.
struct ComparisonChartSVG {
    static let labelRight = 150.0
    static let panelsLeft = 162.0
    static let panelWidth = 312.0
    static let plotWidth = 206.0
    /// The median's number starts this far right of the plot.
    static let valueOffset = 10.0
    static let top = 28.0
    static let rowHeight = 24.0

    /// One panel: what it measures and how its numbers print.
    enum Panel: CaseIterable {
        case wall, cpu, rss

        var title: String {
            switch self {
            case .wall: "wall time (s)"
            case .cpu: "CPU time (s)"
            case .rss: "peak RSS (MB)"
            }
        }

        var unit: String { self == .rss ? "MB" : "s" }

        /// A bar from 0 to the median; wall time gets a tick instead, so that its runs'
        /// spread, the thing to judge a difference by, stays in view.
        var hasBar: Bool { self != .wall }

        func values(_ row: ComparisonChartRow) -> [Double] {
            switch self {
            case .wall: row.wallSeconds
            case .cpu: row.cpuSeconds
            case .rss: row.peakRSSMegabytes
            }
        }

        func format(_ value: Double) -> String {
            switch self {
            case .wall: NumberText.fixed(value, 3) + " s"
            case .cpu: NumberText.fixed(value, 2) + " s"
            case .rss: NumberText.fixed(value, 1) + " MB"
            }
        }
    }

    let rows: [ComparisonChartRow]

    func render() -> (svg: String, caption: String) {
        let axisY = Self.top + Double(rows.count) * Self.rowHeight + 4
        let height = ReportNumber.px(axisY + 36)
        let width = ReportNumber.px(TimelineScale.width)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
        svg += "role=\"img\" aria-label=\"wall time, CPU time and peak RSS of \(rows.count) rows\">"
        for row in rows.indices where row % 2 == 1 {
            svg += "<rect class=\"lane\" x=\"0\" y=\"\(ReportNumber.px(Self.top + Double(row) * Self.rowHeight))\" "
            svg += "width=\"\(width)\" height=\"\(ReportNumber.px(Self.rowHeight))\"/>"
        }
        for (index, panel) in Panel.allCases.enumerated() {
            drawPanel(panel, left: Self.panelsLeft + Double(index) * Self.panelWidth, axisY: axisY, into: &svg)
        }
        for (row, chartRow) in rows.enumerated() {
            let baseline = Self.top + (Double(row) + 0.5) * Self.rowHeight + 4
            svg += "<text\(chartRow.isExternal ? " class=\"ext\"" : "") x=\"\(ReportNumber.px(Self.labelRight))\" "
            svg += "y=\"\(ReportNumber.px(baseline))\" text-anchor=\"end\">"
            svg += HTMLEscaping.escape(Self.fitted(chartRow.displayName, width: Self.labelRight - 4)) + "</text>"
        }
        svg += "</svg>"
        let external = rows.contains(where: \.isExternal)
        let caption =
            "Each dot is one counted run; a tick (wall time) or a bar (CPU time, peak RSS) is the median, "
            + "printed to its right. Every axis starts at 0. Rows are the strategies in the table's order"
            + (external ? "; rows marked (external) are other tools run on the same list." : ".")
        return (svg, caption)
    }

    /// One panel: its title, axis from 0, and each row's runs and median.
    private func drawPanel(_ panel: Panel, left: Double, axisY: Double, into svg: inout String) {
        let largest = rows.flatMap { panel.values($0) }.filter(\.isFinite).max() ?? 0
        let (values, step) = SVGAxis.linearTicks(from: 0, to: max(largest, 1e-9), count: 4)
        let end = values.last ?? 1
        let digits = SVGAxis.decimals(forStep: step)
        let ticks = values.map {
            SVGAxis.Tick(
                position: left + $0 / end * Self.plotWidth, label: $0 == 0 ? "0" : NumberText.fixed($0, digits))
        }
        svg +=
            "<text class=\"title\" x=\"\(ReportNumber.px(left))\" y=\"16\">\(HTMLEscaping.escape(panel.title))</text>"
        SVGAxis.drawBottom(
            ticks, y: axisY, left: left, right: left + Self.plotWidth, gridTop: Self.top, title: panel.unit,
            into: &svg)
        for (row, chartRow) in rows.enumerated() {
            let centre = Self.top + (Double(row) + 0.5) * Self.rowHeight
            let runs = panel.values(chartRow).filter(\.isFinite)
            let x = { (value: Double) in left + max(0, value) / end * Self.plotWidth }
            svg += "<g\(chartRow.isExternal ? " class=\"ext\"" : "")><title>"
            svg += HTMLEscaping.escape(Self.tooltip(chartRow, panel: panel, runs: runs)) + "</title>"
            let median = ComparisonChartRow.median(runs)
            if let median, panel.hasBar {
                svg += "<rect class=\"cbar\" x=\"\(ReportNumber.px(left))\" y=\"\(ReportNumber.px(centre - 5))\" "
                svg += "width=\"\(ReportNumber.px(x(median) - left))\" height=\"10\"/>"
            }
            for value in runs {
                svg +=
                    "<circle class=\"run\" cx=\"\(ReportNumber.px(x(value)))\" cy=\"\(ReportNumber.px(centre))\" r=\"3.5\"/>"
            }
            if let median, !panel.hasBar {
                svg += "<rect class=\"med\" x=\"\(ReportNumber.px(x(median) - 1))\" "
                svg += "y=\"\(ReportNumber.px(centre - 8))\" width=\"2\" height=\"16\"/>"
            }
            svg += "<text class=\"val\" x=\"\(ReportNumber.px(left + Self.plotWidth + Self.valueOffset))\" "
            svg += "y=\"\(ReportNumber.px(centre + 4))\">\(median.map { panel.format($0) } ?? "—")</text></g>"
        }
    }

    /// "callback, wall time (s): median 2.597 s of 3 runs (2.567 s – 2.692 s)".
    private static func tooltip(_ row: ComparisonChartRow, panel: Panel, runs: [Double]) -> String {
        guard let median = ComparisonChartRow.median(runs), let low = runs.min(), let high = runs.max() else {
            return "\(row.displayName), \(panel.title): not measured"
        }
        return "\(row.displayName), \(panel.title): median \(panel.format(median)) of \(runs.count) run"
            + (runs.count == 1 ? "" : "s (\(panel.format(low)) – \(panel.format(high)))")
    }

    /// `text`, cut with "…" until its estimated width fits `width` px.
    static func fitted(_ text: String, width: Double) -> String {
        guard LabelSpacing.width(text) > width else { return text }
        var cut = text
        while !cut.isEmpty && LabelSpacing.width(cut + "…") > width { cut.removeLast() }
        return cut + "…"
    }
}
