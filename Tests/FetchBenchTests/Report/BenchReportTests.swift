import FetchKit
import FetchTestServer
import Foundation
import Testing

@testable import FetchBench

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Bench HTML report")
struct BenchReportTests {
    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("a timeline and a histogram per strategy, the table with its verdict column")
    func sections() {
        let (comparison, samples) = SyntheticRun.bench(count: 200, workers: 8)
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(occurrences(of: "<svg class=\"timeline\"", in: html) == samples.count)
        #expect(occurrences(of: "<svg class=\"histogram\"", in: html) == samples.count)
        #expect(occurrences(of: "<svg", in: html) == occurrences(of: "</svg>", in: html))
        for strategy in StrategyKind.allCases {
            #expect(html.contains("<section id=\"strategy-\(strategy.rawValue)\">"))
        }
        // One run each: too few for a verdict, so no row is marked fastest.
        #expect(occurrences(of: "<tr class=\"fastest\">", in: html) == 0)
        for column in ["req/s", "p99 ms", "RSS MB", "verdict"] { #expect(html.contains(column)) }
        #expect(html.contains("<p class=\"verdict\">no verdict: 1 run(s) per strategy"))
        #expect(html.contains("p50 ") && html.contains("p90 ") && html.contains("p99 "))
    }

    @Test("small runs: bars in one path per lane, a tooltip per transfer")
    func detailed() {
        let (comparison, samples) = SyntheticRun.bench(count: 300, workers: 10)
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        let failed = samples.flatMap(\.records).count { !$0.ok }
        #expect(occurrences(of: "<rect class=\"hit\"", in: html) == 300 * samples.count - failed)
        // Failures' marks carry their tooltips (touching ones share one).
        #expect(occurrences(of: "<title>#", in: html) <= 300 * samples.count)
        #expect(occurrences(of: "<title>#", in: html) >= 300 * samples.count - failed / 4)
        #expect(occurrences(of: "<path class=\"ok\"", in: html) == 10 * samples.count)
        #expect(!html.contains("Aggregated view"))
        #expect(html.contains("class=\"mark http\"") && html.contains("class=\"mark fail\""))
    }

    @Test("past the tooltip limit, a tooltip per lane and per failure only")
    func withoutTooltips() {
        let (comparison, samples) = SyntheticRun.bench(count: TimelineSVG.maxTooltips + 1, workers: 4)
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        #expect(!html.contains("class=\"hit\"") && !html.contains("Aggregated view"))
        let failed = samples.flatMap(\.records).count { !$0.ok }
        #expect(occurrences(of: "<title>#", in: html) <= failed)
        #expect(occurrences(of: "<title>worker ", in: html) == 4 * samples.count)
    }

    @Test("loads nothing from the network")
    func selfContained() {
        let (comparison, samples) = SyntheticRun.bench(count: 300, workers: 10)
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        for banned in ["<link", "<script", "@import", "src=", "url(", "<img", "<iframe", "href=\"http", "href=\"//"] {
            #expect(!html.contains(banned), "found \(banned)")
        }
        // The only absolute URLs are the records' own, in tooltips (which end at a newline).
        let urls = Set(samples.flatMap(\.records).map { HTMLEscaping.escape($0.url) })
        for scheme in ["http://", "https://"] {
            var rest = html[...]
            while let found = rest.range(of: scheme) {
                let end = rest[found.lowerBound...].firstIndex(where: { $0 == "\n" || $0 == "<" }) ?? rest.endIndex
                #expect(urls.contains(String(rest[found.lowerBound..<end])))
                rest = rest[end...]
            }
        }
    }

    @Test("text from records and the workload is escaped")
    func escaping() {
        var (comparison, samples) = SyntheticRun.bench(count: 20, workers: 2)
        var records = samples[0].records
        records[0].url = "https://x.test/<script>alert(\"x\")</script>&y='z'"
        records[1].ok = false
        records[1].status = nil
        records[1].error = .other
        records[1].message = "bad <b>message</b>\u{1}"
        samples[0] = SyntheticRun.replacingRecords(of: samples[0], with: records)
        comparison = BenchComparison(
            workload: "list <b>&</b>",
            concurrency: 2,
            repeats: 1,
            strategies: comparison.strategies
        )
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        #expect(!html.contains("<script"))
        #expect(html.contains("https://x.test/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;y=&#39;z&#39;"))
        #expect(html.contains("bad &lt;b&gt;message&lt;/b&gt;\u{FFFD}"))
        #expect(html.contains("list &lt;b&gt;&amp;&lt;/b&gt;"))
        #expect(!html.contains("<b>"))
    }

    @Test("10,000 transfers × 1,000 workers × 5 strategies: aggregated, bounded, fast")
    func large() async throws {
        let (comparison, samples) = SyntheticRun.bench(count: 10_000, workers: 1_000)
        let html = try await renderOffThePool(comparison, samples)
        let rects = occurrences(of: "<rect", in: html)
        #expect(occurrences(of: "Aggregated view", in: html) == samples.count)
        #expect(html.contains("each row is a band of 13 workers"))
        #expect(!html.contains("<title>#"))
        // Cells are strokes of one path per row, outcome and level: the rects left are
        // the lanes' shading, histogram bars, failure marks (bounded) and the chart's.
        let perTimeline = TimelineSVG.maxBands + LatencyAxis.bins + FailureMarks.maxTitled
        #expect(rects <= samples.count * perTimeline + 20)
        #expect(html.utf8.count < 1_000_000)
    }

    @Test("10,000 transfers on 8 workers: aggregated in time, one row per worker")
    func manyTransfersFewWorkers() async throws {
        let (comparison, samples) = SyntheticRun.bench(count: 10_000, workers: 8)
        let html = try await renderOffThePool(comparison, samples)
        #expect(html.contains("10000 transfers are more than the 2000 drawn one by one"))
        #expect(html.contains("each row is one worker"))
        #expect(html.utf8.count < 4_000_000)
    }

    @Test("a run without records still renders")
    func empty() {
        let sample = BenchSample(
            strategy: .green,
            repetition: 0,
            records: [],
            wall: 0,
            userCPU: 0,
            systemCPU: 0,
            peakRSSBytes: 0,
            peakThreads: 0,
            voluntaryContextSwitches: 0,
            involuntaryContextSwitches: 0,
            exitStatus: 0
        )
        let summary = StrategySummary(samples: [sample])
        let comparison = BenchComparison(workload: "empty", concurrency: 1, repeats: 1, strategies: [summary])
        let html = BenchHTMLReport.render(comparison: comparison, samples: [sample])
        #expect(html.contains("<svg class=\"timeline\"") && html.hasSuffix("</html>\n"))
    }

    @Test("the time it was made: UTC, ISO 8601, to the second")
    func generatedAt() {
        let (comparison, samples) = SyntheticRun.bench(count: 10, workers: 2)
        let made = Date(timeIntervalSince1970: 1_700_000_000.75)
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples, generatedAt: made)
        #expect(html.contains("generated 2023-11-14T22:13:20Z</p>"))
    }
}

@Suite("Bench HTML report, as XML")
struct BenchReportXMLTests {
    /// Every SVG must be well-formed XML too (so it survives being cut out of the page):
    /// escaping, quoting and nesting all hold.
    @Test("each SVG parses as XML", arguments: [(300, 10), (10_000, 1_000)])
    func svgIsWellFormed(count: Int, workers: Int) async throws {
        var (comparison, samples) = SyntheticRun.bench(count: count, workers: workers)
        var records = samples[0].records
        records[0].url = "https://x.test/<a>&\"'\u{1}"
        samples[0] = SyntheticRun.replacingRecords(of: samples[0], with: records)
        comparison = BenchComparison(workload: "w", concurrency: workers, repeats: 1, strategies: comparison.strategies)
        let html = try await renderOffThePool(comparison, samples)
        // Parsing megabytes of SVG is CPU work too: off the pool as well.
        let failures = try await onOwnThread { () -> (parsed: Int, errors: [String]) in
            var rest = html[...]
            var parsed = 0
            var errors: [String] = []
            while let start = rest.range(of: "<svg"),
                let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
            {
                let parser = XMLParser(data: Data(rest[start.lowerBound..<end.upperBound].utf8))
                if !parser.parse() { errors.append(parser.parserError.map(String.init(describing:)) ?? "?") }
                parsed += 1
                rest = rest[end.upperBound...]
            }
            return (parsed, errors)
        }
        #expect(failures.errors.isEmpty, "\(failures.errors)")
        // A timeline and a histogram per strategy, and the chart.
        #expect(failures.parsed == 2 * samples.count + 1)
    }
}

/// Renders a report on a thread of its own: a 10,000-transfer report is seconds of CPU in
/// a debug build, which on swift-testing's pool (a thread per core) would stall every
/// other suite's waits.
func renderOffThePool(_ comparison: BenchComparison, _ samples: [BenchSample]) async throws -> String {
    try await onOwnThread { BenchHTMLReport.render(comparison: comparison, samples: samples) }
}

extension BenchReportTests {
    @Test("another tool's row: in the chart and the table, marked external, with no section of its own")
    func externalToolRow() {
        let (comparison, samples) = SyntheticRun.bench(count: 100, workers: 4)
        let curl = BenchSample(
            contender: .tool(.curl), repetition: 0, records: [], transfers: 100, errors: 0, wall: 0.2, userCPU: 0.05,
            systemCPU: 0.02, peakRSSBytes: 12_000_000, peakThreads: 1, voluntaryContextSwitches: 0,
            involuntaryContextSwitches: 0, exitStatus: 0)
        let withTool = BenchComparison(
            workload: comparison.workload, concurrency: 4, repeats: 1,
            strategies: comparison.strategies + [StrategySummary(samples: [curl])])
        let html = BenchHTMLReport.render(
            comparison: withTool, samples: samples,
            externalRows: withTool.strategies.filter(\.contender.isExternal).map(ComparisonChartRow.init(summary:)))
        #expect(html.contains("curl (external)"))
        #expect(html.contains("<td>curl <span class=\"external\">(external)</span></td>"))
        #expect(!html.contains("id=\"strategy-curl\""))
        // No transfer times for a tool: its latency cells are dashes.
        let row = html.components(separatedBy: "<td>curl ").last ?? ""
        #expect(row.components(separatedBy: "</tr>").first?.contains("<td>-</td>") == true)
    }
}
