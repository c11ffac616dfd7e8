import FetchKit
import Testing

@testable import FetchBench

@Suite("Bench report: size")
struct ReportSizeTests {
    @Test("10,000 transfers × 5 strategies stay under 1 MB", arguments: [8, 50, 1_000])
    func tenThousand(workers: Int) async throws {
        let (comparison, samples) = SyntheticRun.bench(count: 10_000, workers: workers)
        let html = try await renderOffThePool(comparison, samples)
        #expect(html.utf8.count < 1_000_000, "\(html.utf8.count) bytes")
    }

    @Test("2,000 transfers × 5 strategies stay well under 1 MB", arguments: [8, 50])
    func twoThousand(workers: Int) async throws {
        let (comparison, samples) = SyntheticRun.bench(count: 2_000, workers: workers)
        let html = try await renderOffThePool(comparison, samples)
        #expect(html.utf8.count < 400_000, "\(html.utf8.count) bytes")
    }

    @Test("bars merge into strokes: touching bars become one segment, positions stay exact")
    func strokes() {
        var strokes = BarStrokes(centre: 60)
        strokes.add(from: 100, to: 110)
        strokes.add(from: 110, to: 112.55)
        strokes.add(from: 120.04, to: 121)
        strokes.add(from: 120.5, to: 130)
        strokes.add(from: 131, to: 131.01)
        #expect(strokes.finish() == "M100 60h12.6m7.4 0h10m1 0h0.1")
        var empty = BarStrokes(centre: 1)
        #expect(empty.isEmpty && empty.finish().isEmpty)
    }
}
