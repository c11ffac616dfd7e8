import FetchKit
import FetchTestServer
import Foundation
import Testing

@testable import FetchBench

/// The report as a user sees it: drawn by headless Chromium, the screenshots kept in
/// `.build/test-artifacts/`. The chart comes first, and one failed transfer among 2,000
/// shows in its lane as pixels of its colour.
@Suite("Bench report in headless Chromium")
struct ReportInChromiumTests {
    /// `.http` in `ReportStyle`: the colour of an HTTP error's mark.
    private static let httpErrorColour = "e8590c"
    /// `.cbar`: the chart's median bars.
    private static let chartBarColour = "748ffc"
    private static let failing = 1_234

    /// Five strategies' runs of 2,000 transfers over 8 workers; the first strategy's run
    /// has one HTTP 503 (at `failing`), or none.
    private static func bench(failure: Bool) -> (BenchComparison, [BenchSample]) {
        var (_, samples) = SyntheticRun.bench(count: 2_000, workers: 8)
        var records = SyntheticRun.oneFailure(SyntheticRun.records(count: 2_000, workers: 8), at: failing)
        if !failure {
            records[failing].ok = true
            records[failing].status = 200
            records[failing].error = nil
        }
        samples[0] = SyntheticRun.sample(samples[0].contender.strategy ?? .callback, records: records)
        let comparison = BenchComparison(
            workload: "2,000 synthetic transfers", concurrency: 8, repeats: 1,
            strategies: samples.map { StrategySummary(samples: [$0]) })
        return (comparison, samples)
    }

    @Test("the whole report renders, the comparison chart on top, before the table and the timelines")
    func chartOnTop() async throws {
        let (comparison, samples) = Self.bench(failure: true)
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        let (dom, spots) = try await onOwnThread {
            let image = try HeadlessChromium.screenshot(html, name: "bench-report", width: 1200, height: 900)
            let page = HeadlessChromium.artifacts.appendingPathComponent("bench-report.html")
            return (
                try HeadlessChromium.renderedDOM(of: page),
                try HeadlessChromium.colours(in: image, [Self.chartBarColour])
            )
        }
        let chart = try #require(dom.range(of: "id=\"chart\"")?.lowerBound, "no chart in the rendered page")
        let table = try #require(dom.range(of: "<table")?.lowerBound)
        let timeline = try #require(dom.range(of: "class=\"timeline\"")?.lowerBound)
        #expect(chart < table && table < timeline)
        // The chart's bars are drawn within the first screen.
        let bars = try #require(spots[Self.chartBarColour])
        #expect(bars.count > 100 && bars.minY < 600, "\(bars)")
    }

    @Test(
        "one failed transfer among 2,000 shows as pixels in its worker's lane, in both views", arguments: [false, true])
    func oneFailureInPixels(aggregated: Bool) async throws {
        for failure in [true, false] {
            let (_, samples) = Self.bench(failure: failure)
            let sample = samples[0]
            let scale = TimelineScale(samples: [sample])
            let view = TimelineView(aggregation: aggregated ? "forced for the test" : nil, workers: 8)
            let svg = TimelineSVG(records: sample.records, scale: scale, view: view).render().svg
            let page =
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>\(ReportStyle.css)"
                + "body{margin:0;max-width:none;padding:0}svg{max-width:none}</style></head><body>\(svg)</body></html>"
            let name = "timeline-\(aggregated ? "aggregated" : "detailed")-\(failure ? "one-failure" : "no-failure")"
            let spots = try await onOwnThread {
                let image = try HeadlessChromium.screenshot(page, name: name, width: 1200, height: 400)
                return try HeadlessChromium.colours(in: image, [Self.httpErrorColour])
            }
            let spot = try #require(spots[Self.httpErrorColour])
            guard failure else {
                #expect(spot.count == 0, "an HTTP error's colour without one: \(spot)")
                continue
            }
            let mark = try #require(
                SVGScan.elements("rect", in: svg).first { $0.attributes["class"]?.hasPrefix("mark ") == true })
            let (x, y) = (try #require(mark.number("x")), try #require(mark.number("y")))
            let (width, height) = (try #require(mark.number("width")), try #require(mark.number("height")))
            #expect(spot.maxX - spot.minX + 1 >= 2 && spot.count >= 2 * Int(height) - 4, "\(spot)")
            // Where the SVG put the mark: its worker's lane (the page is drawn at 1:1).
            #expect(Double(spot.minX) >= x - 1 && Double(spot.maxX) <= x + width + 1, "\(spot) vs x \(x) w \(width)")
            #expect(Double(spot.minY) >= y - 1 && Double(spot.maxY) <= y + height + 1, "\(spot) vs y \(y) h \(height)")
        }
    }
}
