import FetchKit
import Testing

@testable import FetchBench

@Suite("Bench report: like-for-like timelines")
struct TimelineViewTests {
    /// Every strategy's run small enough for bars, but blocking's, which has too many.
    private static func mixed() -> (BenchComparison, [BenchSample]) {
        let samples = StrategyKind.allCases.map { strategy in
            SyntheticRun.sample(strategy, count: strategy == .blocking ? 2_500 : 300, workers: 8)
        }
        let comparison = BenchComparison(
            workload: "mixed", concurrency: 8, repeats: 1, strategies: samples.map { StrategySummary(samples: [$0]) })
        return (comparison, samples)
    }

    @Test("one run that needs aggregating aggregates every strategy's timeline, and the caption says why")
    func oneAggregatesAll() {
        let (comparison, samples) = Self.mixed()
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        #expect(html.components(separatedBy: "Aggregated view: in the blocking run, 2500 transfers").count - 1 == 5)
        #expect(html.components(separatedBy: "one run needing aggregation aggregates them all").count - 1 == 5)
        #expect(!html.contains("One bar per transfer"))
    }

    @Test("every timeline has the same lanes and size, even when a run used fewer workers")
    func sameLanes() {
        var (comparison, samples) = SyntheticRun.bench(count: 300, workers: 8)
        let fewer = SyntheticRun.records(count: 300, workers: 3, strategy: samples[1].contender.strategy ?? .callback)
        samples[1] = SyntheticRun.replacingRecords(of: samples[1], with: fewer)
        comparison = BenchComparison(
            workload: "w", concurrency: 8, repeats: 1, strategies: samples.map { StrategySummary(samples: [$0]) })
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        let timelines = SVGScan.svgs("timeline", in: html)
        #expect(timelines.count == samples.count)
        let boxes = Set(timelines.map { SVGScan.elements("svg", in: $0)[0].attributes["viewBox"] ?? "" })
        #expect(boxes.count == 1)
        #expect(html.components(separatedBy: "One bar per transfer").count - 1 == samples.count)
        #expect(html.components(separatedBy: "drawn one bar per transfer, with 8 lanes").count - 1 == samples.count)
    }

    @Test("the view is decided over all runs: detailed only when every run can be")
    func decision() {
        let (_, small) = SyntheticRun.bench(count: 300, workers: 8)
        let scale = TimelineScale(samples: small)
        #expect(TimelineView(samples: small, scale: scale).aggregation == nil)
        let (_, mixed) = Self.mixed()
        let view = TimelineView(samples: mixed, scale: TimelineScale(samples: mixed))
        #expect(view.aggregation?.hasPrefix("in the blocking run") == true)
        #expect(view.workers == 8 && view.lanes.rows == 8)
    }
}
