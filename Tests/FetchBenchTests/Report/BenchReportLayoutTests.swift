import Testing

@testable import FetchBench

@Suite("Bench report layout")
struct BenchReportLayoutTests {
    @Test("column integrals spread an interval over the columns it crosses")
    func columnIntegral() {
        var integral = ColumnIntegral(columns: 10, duration: 1)
        integral.add(from: 0.05, to: 0.35)
        integral.add(from: 0.2, to: 0.25, weight: 2)
        let means = integral.means()
        let expected = [0.5, 1, 2, 0.5, 0, 0, 0, 0, 0, 0]
        for (mean, value) in zip(means, expected) { #expect(abs(mean - value) < 1e-9) }
        #expect(abs(means.reduce(0, +) * 0.1 - 0.4) < 1e-9)
    }

    @Test("lanes: one per worker while they fit, bands of workers beyond")
    func lanes() {
        let few = TimelineLanes(workers: 8, maxRows: 160)
        #expect(few.rows == 8 && !few.isBanded && few.rowHeight == 22 && few.label(0) == "worker 1")
        let many = TimelineLanes(workers: 1_000, maxRows: 80)
        #expect(many.workersPerRow == 13 && many.rows == 77 && many.height <= TimelineLanes.maxHeight)
        #expect(many.row(of: 1) == 0 && many.row(of: 14) == 1 && many.row(of: 1_000) == 76)
        #expect(many.label(76) == "989–1000")
    }

    @Test("axis steps are 1, 2 or 5 × 10ⁿ and labels need no locale")
    func axis() {
        #expect(SVGAxis.niceStep(1, count: 8) == 0.2)
        #expect(SVGAxis.niceStep(73, count: 8) == 10)
        #expect(SVGAxis.linearTicks(from: 0, to: 0.93).values.last == 1)
        #expect(SVGAxis.logTicks(from: 1, to: 1000) == [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
        #expect(ReportNumber.px(12.04) == "12" && ReportNumber.px(3.25) == "3.3" || ReportNumber.px(3.25) == "3.2")
        #expect(ReportNumber.millis(0.0123) == "12.3 ms")
    }
}
