import FetchKit
import Testing

@testable import FetchBench

@Suite("Bench report: failures you can see")
struct FailureMarksTests {
    static let failing = 1_234

    /// 2,000 transfers on 8 workers, all ok but one 503 that lasted 0.1 ms.
    private static func run() -> BenchSample {
        let records = SyntheticRun.oneFailure(SyntheticRun.records(count: 2_000, workers: 8), at: failing)
        return SyntheticRun.sample(.callback, records: records)
    }

    @Test(
        "one failed transfer among 2,000 is a mark ≥ 2 px wide on its worker's lane, above the bars",
        arguments: [false, true])
    func oneFailureVisible(aggregated: Bool) throws {
        let sample = Self.run()
        let scale = TimelineScale(samples: [sample])
        let view = TimelineView(aggregation: aggregated ? "forced for the test" : nil, workers: 8)
        let svg = TimelineSVG(records: sample.records, scale: scale, view: view).render().svg
        #expect(svg.contains(aggregated ? "<g class=\"strokes\"" : "<path class=\"ok\""))
        let marks = SVGScan.elements("rect", in: svg).filter { $0.attributes["class"]?.hasPrefix("mark ") == true }
        #expect(marks.count == 1)
        let mark = try #require(marks.first)
        #expect(mark.attributes["class"] == "mark http")
        #expect(try #require(mark.number("width")) >= FailureMarks.minWidth)
        let failed = sample.records[Self.failing]
        let lanes = view.lanes
        let laneTop = TimelineSVG.lanesTop + Double(lanes.row(of: failed.worker)) * lanes.rowHeight
        #expect(mark.number("y") == laneTop && mark.number("height") == lanes.rowHeight)
        let x = try #require(mark.number("x"))
        #expect(abs(x - scale.x(TransferSpan(failed).begin)) <= 0.1)
        // Drawn after (above) every bar or cell of the lanes.
        let bars = (SVGScan.elements("rect", in: svg) + SVGScan.elements("path", in: svg)).filter {
            ($0.attributes["class"] ?? "").split(separator: " ").contains("ok")
        }
        #expect(mark.offset > (bars.map(\.offset).max() ?? .max))
        // Its tooltip names the URL and the status.
        #expect(svg.contains("<title>#\(Self.failing) "))
        #expect(svg.contains("\n503 · "))
    }

    @Test("the legend counts each outcome and the failures in all")
    func legend() throws {
        let sample = Self.run()
        let comparison = BenchComparison(
            workload: "w", concurrency: 8, repeats: 1, strategies: [StrategySummary(samples: [sample])])
        let html = BenchHTMLReport.render(comparison: comparison, samples: [sample])
        #expect(html.contains("<i class=\"ok\"></i>1999 ok</span>"))
        #expect(html.contains("<i class=\"http\"></i>1 HTTP error (status ≥ 400)</span>"))
        #expect(html.contains("<strong>1 failed</strong>"))
        let clean = SyntheticRun.sample(
            .callback,
            records: SyntheticRun.records(count: 20, workers: 2).map {
                var record = $0
                (record.ok, record.status, record.error) = (true, 200, nil)
                return record
            })
        #expect(StrategySectionHTML.legend(FailureMarks.counts(clean.records)).contains("<strong>0 failed</strong>"))
    }

    @Test("many failures stay bounded: merged into one path per lane and outcome")
    func manyFailures() {
        var records = SyntheticRun.records(count: 2_000, workers: 8)
        for index in records.indices where index % 3 == 0 {
            records[index].ok = false
            records[index].status = nil
            records[index].error = .timeout
        }
        let sample = SyntheticRun.sample(.green, records: records)
        let view = TimelineView(aggregation: nil, workers: 8)
        let svg = TimelineSVG(records: records, scale: TimelineScale(samples: [sample]), view: view).render().svg
        let paths = SVGScan.elements("path", in: svg).filter { $0.attributes["class"]?.hasPrefix("mark ") == true }
        #expect(!paths.isEmpty && paths.count <= 8 * (TransferOutcome.allCases.count - 1))
        #expect(SVGScan.elements("rect", in: svg).allSatisfy { $0.attributes["class"]?.hasPrefix("mark") != true })
    }
}
