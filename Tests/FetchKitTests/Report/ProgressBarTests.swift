import Testing

@testable import FetchKit

@Suite("Progress bar")
struct ProgressBarTests {
    private let bar = "[===============               ] "
    private let count = "500/1000 50%"
    private let eta = "  ETA 12 s"
    private let tail = "  41.7/s  3 failed"

    @Test("the whole bar when it fits, in one column less than the terminal's")
    func fits() {
        let whole = bar + count + eta + tail
        #expect(RunProgress.fit(bar: bar, count: count, eta: eta, tail: tail, columns: whole.count + 1) == whole)
        #expect(RunProgress.fit(bar: bar, count: count, eta: eta, tail: tail, columns: whole.count) != whole)
    }

    @Test("narrower: the bar goes first, then the ETA, then the tail is cut")
    func narrow() {
        #expect(RunProgress.fit(bar: bar, count: count, eta: eta, tail: tail, columns: 60) == count + eta + tail)
        #expect(RunProgress.fit(bar: bar, count: count, eta: eta, tail: tail, columns: 35) == count + tail)
        #expect(RunProgress.fit(bar: bar, count: count, eta: eta, tail: tail, columns: 10) == "500/1000 ")
    }

    @Test("never wider than the terminal less one column, at any width", arguments: [1, 2, 5, 20, 40, 79, 80, 200])
    func neverWraps(columns: Int) {
        let progress = RunProgress(showBar: false)
        progress.inputFinished(total: 1000)
        for _ in 0..<400 { progress.recordDone(ok: false) }
        let text = progress.barText(columns: columns)
        #expect(!text.isEmpty)
        #expect(text.count <= max(1, columns - 1), "\(text.debugDescription) on \(columns) columns")
    }
}
