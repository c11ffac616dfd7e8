import FetchKit
import Testing

@testable import FetchBench

@Suite("Bench report: the comparison chart")
struct ComparisonChartTests {
    private static let curl = ComparisonChartRow(
        label: "curl", isExternal: true, wallSeconds: [0.9, 1.1, 1.0], cpuSeconds: [0.3, 0.32, 0.31],
        peakRSSMegabytes: [12, 12.5, 12.2])

    /// Every strategy with three runs whose wall times differ.
    private static func bench() -> (BenchComparison, [BenchSample], [[BenchSample]]) {
        let (comparison, samples) = SyntheticRun.bench(count: 50, workers: 4)
        let runs = samples.map { sample in
            [1.0, 0.8, 1.3].map { factor in
                BenchSample(
                    contender: sample.contender, repetition: 0, records: sample.records, wall: sample.wall * factor,
                    userCPU: sample.userCPU * factor, systemCPU: sample.systemCPU, peakRSSBytes: sample.peakRSSBytes,
                    peakThreads: 3, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0, exitStatus: 0)
            }
        }
        return (comparison, samples, runs)
    }

    @Test("the chart comes first, before the table and the timelines")
    func chartFirst() throws {
        let (comparison, samples, runs) = Self.bench()
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples, runs: runs)
        let chart = try #require(html.range(of: "<svg class=\"chart\""))
        let table = try #require(html.range(of: "<table"))
        let timeline = try #require(html.range(of: "<svg class=\"timeline\""))
        #expect(chart.lowerBound < table.lowerBound && table.lowerBound < timeline.lowerBound)
        #expect(SVGScan.svgs("chart", in: html).count == 1)
    }

    @Test("one row per strategy, then the external rows, marked and coloured apart")
    func rows() throws {
        let (comparison, samples, runs) = Self.bench()
        let html = BenchHTMLReport.render(
            comparison: comparison, samples: samples, runs: runs, externalRows: [Self.curl])
        let chart = try #require(SVGScan.svgs("chart", in: html).first)
        let labels = SVGScan.elements("text", in: chart).filter { $0.number("x") == ComparisonChartSVG.labelRight }
        #expect(labels.count == samples.count + 1)
        for sample in samples { #expect(chart.contains(">\(sample.contender.name)</text>")) }
        #expect(chart.contains("<text class=\"ext\"") && chart.contains(">curl (external)</text>"))
        // Three panels of dots: one per counted run, per row.
        let dots = SVGScan.elements("circle", in: chart).count
        #expect(dots == 3 * (samples.count * 3 + 3))
        // Each external row's groups are classed apart (one per panel).
        #expect(chart.components(separatedBy: "<g class=\"ext\">").count - 1 == 3)
    }

    @Test("the median is marked and printed; axes start at 0 with their units")
    func medians() throws {
        let row = ComparisonChartRow(
            label: "callback", isExternal: false, wallSeconds: [1, 3, 2, 10], cpuSeconds: [0.5],
            peakRSSMegabytes: [40])
        let svg = ComparisonChartSVG(rows: [row]).render().svg
        #expect(svg.contains(">2.500 s</text>"))
        #expect(svg.contains(">0.50 s</text>") && svg.contains(">40.0 MB</text>"))
        #expect(SVGScan.elements("rect", in: svg).contains { $0.attributes["class"] == "med" })
        // Each panel's axis starts at 0.
        #expect(svg.components(separatedBy: "text-anchor=\"middle\">0</text>").count - 1 == 3)
        for unit in ["wall time (s)", "CPU time (s)", "peak RSS (MB)"] { #expect(svg.contains(unit)) }
        // Bars start at the axis's 0.
        for bar in SVGScan.elements("rect", in: svg) where bar.attributes["class"] == "cbar" {
            let left = try #require(bar.number("x"))
            let panels = ComparisonChartSVG.Panel.allCases.indices.map {
                ComparisonChartSVG.panelsLeft + Double($0) * ComparisonChartSVG.panelWidth
            }
            #expect(panels.contains(left))
        }
    }

    @Test("a row with nothing measured prints a dash, and long names are cut to fit")
    func missing() {
        let row = ComparisonChartRow(
            label: "a-tool-with-a-very-long-name-indeed", isExternal: true, wallSeconds: [1.5], cpuSeconds: [],
            peakRSSMegabytes: [])
        let svg = ComparisonChartSVG(rows: [row]).render().svg
        #expect(svg.contains(">—</text>"))
        #expect(svg.contains("…</text>"))
        let label = ComparisonChartSVG.fitted(row.displayName, width: ComparisonChartSVG.labelRight - 4)
        #expect(LabelSpacing.width(label) <= ComparisonChartSVG.labelRight - 4)
    }

    @Test("without runs, the chart shows the representative run of each strategy")
    func representativeOnly() throws {
        let (comparison, samples) = SyntheticRun.bench(count: 20, workers: 2)
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        let chart = try #require(SVGScan.svgs("chart", in: html).first)
        #expect(SVGScan.elements("circle", in: chart).count == 3 * samples.count)
    }
}
