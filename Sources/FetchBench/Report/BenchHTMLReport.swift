#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `cfetch bench`'s report as one self-contained HTML page: a chart comparing the
/// strategies first (`ComparisonChartSVG`), the comparison table, then for each strategy
/// a timeline of its workers and a latency histogram, as inline SVG.
///
/// The page loads nothing — no external CSS, scripts, fonts or images, and a Content
/// Security Policy that forbids them — so it can be mailed, archived or opened offline.
/// Tooltips are SVG `<title>`s. Every timeline is drawn the same way (`TimelineView`),
/// aggregated when any run would need it, so the page stays readable and, even for
/// 10,000 transfers × 5 strategies, under 1 MB.
public enum BenchHTMLReport {
    /// - Parameters:
    ///   - samples: one representative run per strategy, in `comparison.strategies`' order:
    ///     the timelines and histograms show these.
    ///   - runs: every counted run per strategy, in the same order, for the chart's dots;
    ///     empty to chart the representative runs alone.
    ///   - externalRows: other tools' rows for the chart, after the strategies'.
    ///   - generatedAt: the time the page says it was made.
    public static func render(
        comparison: BenchComparison,
        samples: [BenchSample],
        runs: [[BenchSample]] = [],
        externalRows: [ComparisonChartRow] = [],
        generatedAt: Date = Date()
    ) -> String {
        let scale = TimelineScale(samples: samples)
        let view = TimelineView(samples: samples, scale: scale)
        let latency = LatencyAxis(samples: samples)
        let workload = HTMLEscaping.escape(comparison.workload)
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        html +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>cfetch bench — \(workload)</title><style>\(ReportStyle.css)</style></head><body>"
        html += "<header><h1>cfetch bench</h1><p class=\"meta\">\(workload) · -j \(comparison.concurrency) · "
        html += "medians of \(comparison.repeats) run(s) per strategy · generated \(timestamp(generatedAt))</p>"
        if let incomplete = comparison.incomplete {
            html += "<p class=\"meta\"><strong>Incomplete:</strong> \(HTMLEscaping.escape(incomplete))</p>"
        }
        html += "<nav>"
        for sample in samples {
            let anchor = HTMLEscaping.escape(sample.contender.anchor)
            html += "<a href=\"#strategy-\(anchor)\">\(HTMLEscaping.escape(sample.contender.name))</a>"
        }
        html += "</nav></header>"
        let chart = ComparisonChartSVG(rows: chartRows(samples: samples, runs: runs) + externalRows).render()
        html += "<section id=\"chart\"><h2>At a glance</h2>" + chart.svg
        html += "<p class=\"caption\">\(HTMLEscaping.escape(chart.caption))</p></section>"
        html += "<section><h2>Comparison</h2>" + ComparisonTableHTML.render(comparison)
        html += "<p class=\"verdict\">\(HTMLEscaping.escape(comparison.verdictSentence))</p>"
        for warning in comparison.warnings {
            html += "<p class=\"meta\"><strong>Warning:</strong> \(HTMLEscaping.escape(warning))</p>"
        }
        html += "<p class=\"caption\">Medians over the runs, wall time's range in brackets; latencies are per task "
        html += "(a record's elapsed). The verdict compares each strategy with the lowest median: slower only when "
        html += "the difference holds (Mann–Whitney p &lt; 0.05, the 95% interval of the median ratio above 1, "
        html += "at least 2%); ★ marks a fastest that every other strategy is slower than.</p></section>"
        for sample in samples {
            let summary = comparison.strategies.first { $0.contender == sample.contender }
            html += StrategySectionHTML.render(sample, summary: summary, scale: scale, view: view, latency: latency)
        }
        html += "</body></html>\n"
        return html
    }

    /// A chart row per strategy, from all its runs when they were given (one array per
    /// representative sample), else from the representative run alone.
    static func chartRows(samples: [BenchSample], runs: [[BenchSample]]) -> [ComparisonChartRow] {
        zip(samples.indices, samples).map { index, sample in
            let all = index < runs.count && !runs[index].isEmpty ? runs[index] : [sample]
            return ComparisonChartRow(runs: all)
        }
    }

    /// UTC, ISO 8601: the same whatever the reader's locale.
    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
