/// A 95% bootstrap interval of the ratio of two medians: how far the ratio of a
/// strategy's median wall time to the leader's could move if the runs were taken again.
/// Each resample draws both sets anew, with replacement, and takes the ratio of their
/// medians; the interval is the middle 95% of those ratios. The generator is seeded, so
/// the same runs always give the same interval.
struct MedianRatioInterval: Equatable {
    static let resamples = 4000

    let low: Double
    let high: Double

    /// - Parameters: at least one value each, the denominator's median above 0.
    init(numerator: [Double], denominator: [Double], seed: UInt64 = 0x6366_6574_6368) {
        precondition(!numerator.isEmpty && !denominator.isEmpty, "an interval needs values on both sides")
        var generator = SplitMix64(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(Self.resamples)
        var top = numerator
        var bottom = denominator
        for _ in 0..<Self.resamples {
            Self.redraw(&top, from: numerator, with: &generator)
            Self.redraw(&bottom, from: denominator, with: &generator)
            let below = Self.median(&bottom)
            ratios.append(below > 0 ? Self.median(&top) / below : 1)
        }
        ratios.sort()
        low = ratios[Int(Double(Self.resamples - 1) * 0.025)]
        high = ratios[Int(Double(Self.resamples - 1) * 0.975)]
    }

    /// An interval already drawn (a verdict keeps only its ends).
    init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// How far from 1 the interval reaches, as a fraction: the larger of its distances
    /// below and above 1 — the "±" of a tie.
    var reachAroundOne: Double {
        Swift.max(0, Swift.max(1 - low, high - 1))
    }

    private static func redraw(_ sample: inout [Double], from values: [Double], with generator: inout SplitMix64) {
        for index in sample.indices {
            sample[index] = values[Int(generator.next() % UInt64(values.count))]
        }
    }

    /// The median, sorting `values` in place (they are a scratch resample).
    private static func median(_ values: inout [Double]) -> Double {
        values.sort()
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    }
}
