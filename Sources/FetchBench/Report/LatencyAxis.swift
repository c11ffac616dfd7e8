import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// The x axis the latency histograms share, so that strategies compare by position:
/// logarithmic when latencies span more than 20×, else linear; bounds rounded to ticks.
struct LatencyAxis {
    static let bins = 40
    static let spanForLog = 20.0

    /// Bounds in milliseconds.
    let lower: Double
    let upper: Double
    let logarithmic: Bool
    let ticks: [Double]
    private let labelDigits: Int

    init(samples: [BenchSample]) {
        var shortest = Double.infinity
        var longest = 0.0
        for sample in samples {
            for record in sample.records where record.elapsed.isFinite {
                longest = max(longest, record.elapsed * 1000)
                if record.elapsed > 0 { shortest = min(shortest, record.elapsed * 1000) }
            }
        }
        if shortest.isFinite, longest / shortest >= Self.spanForLog {
            logarithmic = true
            lower = Self.nice(shortest, up: false)
            upper = Self.nice(longest, up: true)
            ticks = SVGAxis.logTicks(from: lower, to: upper)
            labelDigits = 0
        } else {
            logarithmic = false
            let from = shortest.isFinite ? shortest : 0
            let (values, step) = SVGAxis.linearTicks(from: from, to: max(longest, from + 0.001), count: 8)
            lower = values.first ?? 0
            upper = values.last ?? 1
            ticks = values
            labelDigits = SVGAxis.decimals(forStep: step)
        }
    }

    /// Where `millis` falls, from 0 (lower) to 1 (upper), clamped.
    func fraction(_ millis: Double) -> Double {
        let value: Double
        if logarithmic {
            value = log(max(millis, lower) / lower) / log(upper / lower)
        } else {
            value = (millis - lower) / (upper - lower)
        }
        return value.isFinite ? min(1, max(0, value)) : 0
    }

    /// The bin of a latency, 0..<bins.
    func bin(_ millis: Double) -> Int {
        min(Self.bins - 1, Int(fraction(millis) * Double(Self.bins)))
    }

    /// The lower edge of bin `index` (or the upper bound, for `bins`), in ms.
    func edge(_ index: Int) -> Double {
        let share = Double(index) / Double(Self.bins)
        return logarithmic ? lower * pow(upper / lower, share) : lower + (upper - lower) * share
    }

    func label(_ millis: Double) -> String {
        logarithmic ? SVGAxis.logLabel(millis) : NumberText.fixed(millis, labelDigits)
    }

    /// "1.3–1.6 ms": bin `index`'s edges with the fewest significant digits (two or more)
    /// that tell them apart — a log axis's edges are irrational, and a narrow linear bin
    /// needs more digits than a wide one.
    func binLabel(_ index: Int) -> String {
        var lowerText = ""
        var upperText = ""
        for digits in 2...5 {
            lowerText = ReportNumber.significant(edge(index), digits)
            upperText = ReportNumber.significant(edge(index + 1), digits)
            if lowerText != upperText { break }
        }
        return "\(lowerText)–\(upperText) ms"
    }

    /// The 1, 2 or 5 × 10ⁿ at or beyond `value`.
    private static func nice(_ value: Double, up: Bool) -> Double {
        let decade = pow(10, (log10(value)).rounded(.down))
        let factors = up ? [1.0, 2, 5, 10] : [10.0, 5, 2, 1]
        for factor in factors where up ? decade * factor >= value * 0.9999 : decade * factor <= value * 1.0001 {
            return decade * factor
        }
        return up ? decade * 10 : decade
    }
}
