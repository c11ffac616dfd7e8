import Histogram

/// Percentiles of one run's task latencies, from an HdrHistogram at microsecond
/// resolution with three significant digits.
struct LatencyPercentiles {
    let p50: Double
    let p90: Double
    let p99: Double
    let max: Double

    init(_ sample: BenchSample) {
        // A run that produced no records (its child failed) has no latencies; an empty
        // HdrHistogram cannot answer percentiles.
        guard !sample.records.isEmpty else {
            p50 = 0
            p90 = 0
            p99 = 0
            max = 0
            return
        }
        var histogram = Histogram<UInt64>(
            highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for record in sample.records {
            _ = histogram.record(UInt64(Swift.max(0, record.elapsed) * 1e6))
        }
        func seconds(_ micros: UInt64) -> Double { Double(micros) / 1e6 }
        p50 = seconds(histogram.valueAtPercentile(50))
        p90 = seconds(histogram.valueAtPercentile(90))
        p99 = seconds(histogram.valueAtPercentile(99))
        max = seconds(histogram.max)
    }
}
