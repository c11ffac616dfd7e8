import FetchKit

/// Axis ticks for the report's charts: round steps (1, 2 or 5 × 10ⁿ), labels whose
/// decimals follow the step, and the lines and text that draw them.
enum SVGAxis {
    /// A tick on an axis: where it is (in px) and what it says.
    struct Tick {
        let position: Double
        let label: String
    }

    /// A step near `span / count`, rounded to 1, 2 or 5 × 10ⁿ.
    static func niceStep(_ span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2.0, 5.0] where magnitude * factor >= raw {
            return magnitude * factor
        }
        return magnitude * 10
    }

    /// Tick values from `lower` to `upper` (both rounded outwards to the step).
    static func linearTicks(from lower: Double, to upper: Double, count: Int = 8) -> (values: [Double], step: Double) {
        let step = niceStep(upper - lower, count: count)
        let first = (lower / step).rounded(.down)
        let last = max(first + 1, (upper / step - 1e-9).rounded(.up))
        let values = stride(from: first, through: last, by: 1).map { $0 * step }
        return (values, step)
    }

    /// 1, 2, 5 × 10ⁿ within `lower...upper` (only powers of ten when that would be crowded).
    static func logTicks(from lower: Double, to upper: Double) -> [Double] {
        guard lower > 0, upper > lower else { return [] }
        var decade = 1.0
        while decade > lower { decade /= 10 }
        while decade * 10 <= lower { decade *= 10 }
        var values: [Double] = []
        while decade <= upper {
            for factor in [1.0, 2.0, 5.0] where decade * factor >= lower * 0.9999 && decade * factor <= upper * 1.0001 {
                values.append(decade * factor)
            }
            decade *= 10
        }
        return values.count > 12 ? values.filter { isPowerOfTen($0) } : values
    }

    /// Decimals a label needs to tell ticks `step` apart.
    static func decimals(forStep step: Double) -> Int {
        var digits = 0
        var scaled = step
        while digits < 6 && (scaled - scaled.rounded()).magnitude > 1e-6 * max(1, scaled) {
            scaled *= 10
            digits += 1
        }
        return digits
    }

    /// A label for a value on a log axis, with the decimals its size needs.
    static func logLabel(_ value: Double) -> String {
        value >= 1 ? NumberText.fixed(value, 0) : NumberText.fixed(value, decimals(forStep: value))
    }

    /// The bottom axis: a baseline from `left` to `right` at `y`, a tick and a light grid
    /// line up to `gridTop` per tick, and the tick labels that have room (`LabelSpacing`).
    static func drawBottom(
        _ ticks: [Tick],
        y: Double,
        left: Double,
        right: Double,
        gridTop: Double,
        title: String,
        into svg: inout String
    ) {
        for tick in ticks {
            let x = ReportNumber.px(tick.position)
            svg +=
                "<line class=\"grid\" x1=\"\(x)\" y1=\"\(ReportNumber.px(gridTop))\" x2=\"\(x)\" y2=\"\(ReportNumber.px(y))\"/>"
            svg +=
                "<line class=\"axis\" x1=\"\(x)\" y1=\"\(ReportNumber.px(y))\" x2=\"\(x)\" y2=\"\(ReportNumber.px(y + 4))\"/>"
        }
        let labels = ticks.map { LabelSpacing.Label(position: $0.position, text: $0.label) }
        for index in LabelSpacing.visible(labels) {
            svg += "<text x=\"\(ReportNumber.px(ticks[index].position))\" y=\"\(ReportNumber.px(y + 16))\" "
            svg += "text-anchor=\"middle\">" + HTMLEscaping.escape(ticks[index].label) + "</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(ReportNumber.px(left))\" y1=\"\(ReportNumber.px(y))\" "
        svg += "x2=\"\(ReportNumber.px(right))\" y2=\"\(ReportNumber.px(y))\"/>"
        svg += "<text x=\"\(ReportNumber.px(right))\" y=\"\(ReportNumber.px(y + 30))\" text-anchor=\"end\">"
        svg += HTMLEscaping.escape(title) + "</text>"
    }

    private static func isPowerOfTen(_ value: Double) -> Bool {
        var scaled = value
        while scaled >= 9.999 { scaled /= 10 }
        while scaled < 0.9999 { scaled *= 10 }
        return (scaled - 1).magnitude < 1e-3
    }
}
