import FetchKit

/// The horizontal geometry every timeline in a report shares. One time scale for all
/// strategies, so that a bar's length, and a run's, compare across sections.
struct TimelineScale {
    static let width = 1100.0
    static let plotLeft = 88.0
    static let plotWidth = 992.0

    /// Seconds at the right edge: the latest transfer's end, rounded up to a tick.
    let duration: Double
    let ticks: [SVGAxis.Tick]
    /// Labels in ms for runs under a second.
    let unit: String

    init(samples: [BenchSample]) {
        var latest = 0.0
        for sample in samples {
            for record in sample.records {
                let end = TransferSpan(record).end
                if end.isFinite { latest = max(latest, end) }
            }
        }
        let inMillis = latest < 1
        let factor = inMillis ? 1000.0 : 1
        let (values, step) = SVGAxis.linearTicks(from: 0, to: max(latest * factor, inMillis ? 1 : 0.001))
        let end = values.last ?? 1
        duration = end / factor
        unit = inMillis ? "ms" : "s"
        let digits = SVGAxis.decimals(forStep: step)
        let left = Self.plotLeft
        let width = Self.plotWidth
        ticks = values.map { value in
            SVGAxis.Tick(position: left + value / end * width, label: NumberText.fixed(value, digits))
        }
    }

    var plotRight: Double { Self.plotLeft + Self.plotWidth }

    /// The x of a moment, in px.
    func x(_ seconds: Double) -> Double {
        Self.plotLeft + pixels(seconds)
    }

    /// The width of a length of time, in px (clamped to the plot).
    func pixels(_ seconds: Double) -> Double {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return min(seconds, duration) / duration * Self.plotWidth
    }
}
