import FetchKit

/// One strategy's part of the report: what its workers are, how its run went, its
/// timeline and its latency histogram.
enum StrategySectionHTML {
    static func render(
        _ sample: BenchSample,
        summary: StrategySummary?,
        scale: TimelineScale,
        view: TimelineView,
        latency: LatencyAxis
    ) -> String {
        let anchor = HTMLEscaping.escape(sample.contender.anchor)
        var html = "<section id=\"strategy-\(anchor)\"><h2>\(HTMLEscaping.escape(sample.contender.name))</h2>"
        html += "<p class=\"meta\">\(HTMLEscaping.escape(sample.contender.strategy?.summary ?? ""))</p>"
        let counts = FailureMarks.counts(sample.records)
        html += "<p>\(HTMLEscaping.escape(runLine(sample, counts: counts, summary: summary)))</p>"
        let timeline = TimelineSVG(records: sample.records, scale: scale, view: view).render()
        html += "<h3>Timeline</h3>" + legend(counts) + timeline.svg
        html += "<p class=\"caption\">\(HTMLEscaping.escape(timeline.caption)) All timelines share one time scale "
        html +=
            "(0–\(HTMLEscaping.escape(ReportNumber.seconds(scale.duration)))), so lengths compare across strategies.</p>"
        let histogram = LatencyHistogramSVG(sample: sample, axis: latency).render()
        html += "<h3>Latency</h3>" + histogram.svg
        html += "<p class=\"caption\">\(HTMLEscaping.escape(histogram.caption))</p>"
        html += "</section>"
        return html
    }

    /// "Run 2 of 3: 1000 URLs — 990 ok, 10 HTTP error …; wall 1.234 s, CPU 0.50 s, …".
    /// - Parameter counts: the run's transfers per outcome (`FailureMarks.counts`).
    private static func runLine(_ sample: BenchSample, counts: [Int], summary: StrategySummary?) -> String {
        let outcomes = TransferOutcome.allCases.compactMap { outcome -> String? in
            counts[outcome.rawValue] > 0 || outcome == .ok ? "\(counts[outcome.rawValue]) \(outcome.label)" : nil
        }
        let runs = summary.map { " of \($0.runs)" } ?? ""
        return "Run \(sample.repetition + 1)\(runs) shown: \(sample.records.count) URLs — "
            + outcomes.joined(separator: ", ") + "; wall \(ReportNumber.seconds(sample.wall)), "
            + "CPU \(NumberText.fixed(sample.cpu, 2)) s, peak RSS "
            + "\(NumberText.fixed(Double(sample.peakRSSBytes) / 1_000_000, 1)) MB, \(sample.peakThreads) threads."
    }

    /// Each outcome's colour and how many transfers had it, then how many failed in all —
    /// "0 failed" said as plainly as "38 failed", since the marks are what readers look for.
    static func legend(_ counts: [Int]) -> String {
        var html = "<p class=\"legend\">"
        for outcome in TransferOutcome.allCases {
            html += "<span><i class=\"\(outcome.cssClass)\"></i>\(counts[outcome.rawValue]) "
            html += HTMLEscaping.escape(outcome.label) + "</span>"
        }
        let failed = counts.reduce(0, +) - counts[TransferOutcome.ok.rawValue]
        html += "<span><strong>\(failed) failed</strong></span>"
        html += "<span><i class=\"idle\"></i>workers waiting for a URL</span></p>"
        return html
    }
}
