import FetchKit

/// How every timeline in a report is drawn, decided once for the whole page: one bar per
/// transfer, or the aggregated grid, for all strategies alike, with the same lanes.
///
/// Deciding per strategy gave mixed pages — blocking's run (a few more thin bars) came
/// out aggregated while the others had bars — and panels drawn two ways cannot be
/// compared at a glance, which is what the timelines are for. So when any run needs
/// aggregating, every run is aggregated; the time scale (`TimelineScale`) is shared too.
struct TimelineView {
    /// Why every timeline is aggregated ("in the blocking run, most transfers would be
    /// bars under 1 px wide"), or nil when every run is drawn one bar per transfer.
    let aggregation: String?
    /// The lanes every timeline has: the most workers any run numbered, so that rows
    /// line up across panels.
    let workers: Int

    init(aggregation: String?, workers: Int) {
        self.aggregation = aggregation
        self.workers = max(1, workers)
    }

    /// The view for these runs on this scale: aggregated when any of them needs it.
    init(samples: [BenchSample], scale: TimelineScale) {
        let workers = max(1, samples.map { $0.records.reduce(0) { max($0, $1.worker) } }.max() ?? 0)
        var aggregation: String?
        for sample in samples {
            let spans = sample.records.map(TransferSpan.init)
            if let reason = TimelineSVG.aggregationReason(spans: spans, workers: workers, scale: scale) {
                aggregation =
                    samples.count > 1 ? "in the \(sample.contender.name) run, \(reason)" : reason
                break
            }
        }
        self.init(aggregation: aggregation, workers: workers)
    }

    var isAggregated: Bool { aggregation != nil }

    /// Rows for the lanes: bands of workers sooner in the aggregated view.
    var lanes: TimelineLanes {
        TimelineLanes(workers: workers, maxRows: isAggregated ? TimelineSVG.maxBands : TimelineSVG.maxLanes)
    }

    /// The sentence every timeline's caption ends with.
    var sharedNote: String {
        "Every strategy's timeline is drawn "
            + (isAggregated ? "aggregated" : "one bar per transfer")
            + ", with \(workers) lanes, so panels compare like for like"
            + (isAggregated ? " (one run needing aggregation aggregates them all)." : ".")
    }
}
