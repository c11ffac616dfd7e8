import FetchKit
import Testing

@testable import FetchBench

@Suite("Wall-time verdict")
struct WallVerdictTests {
    /// Wall times around `median` with a relative noise, from a seeded generator.
    private static func runs(_ median: Double, noise: Double, count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let unit = Double(generator.next() % 1_000_000) / 1_000_000 - 0.5
            return median * (1 + 2 * noise * unit)
        }
    }

    @Test("a clear winner is the fastest; the others are slower, with an interval above 1")
    func clearWinner() throws {
        let verdicts = WallVerdict.verdicts(wallSecondsPerRow: [
            Self.runs(1.30, noise: 0.03, count: 5, seed: 1),
            Self.runs(1.00, noise: 0.03, count: 5, seed: 2),
            Self.runs(1.70, noise: 0.03, count: 5, seed: 3),
        ])
        #expect(verdicts.map(\.standing) == [.slower, .fastest, .slower])
        #expect(verdicts[1].ratio == 1 && verdicts[1].pValue == nil)
        for index in [0, 2] {
            let verdict = verdicts[index]
            #expect(try #require(verdict.ratioLow) > 1)
            #expect(try #require(verdict.ratioLow) <= verdict.ratio && verdict.ratio <= verdict.ratioHigh ?? 0)
            #expect(try #require(verdict.pValue) < WallVerdict.significance)
        }
    }

    @Test("the same distribution: tied with the leader, the noise shown")
    func sameDistribution() throws {
        let verdicts = WallVerdict.verdicts(wallSecondsPerRow: [
            Self.runs(1.0, noise: 0.05, count: 5, seed: 11),
            Self.runs(1.0, noise: 0.05, count: 5, seed: 12),
        ])
        #expect(verdicts.map(\.standing) == [.tied, .tied])
        let other = verdicts.first { $0.pValue != nil }
        #expect(try #require(other?.noise) > 0.005)
    }

    @Test("a consistent but tiny difference (1%) is not a verdict")
    func tinyDifference() {
        let fast = [1.000, 1.001, 1.002, 1.003, 1.004]
        let slow = fast.map { $0 * 1.01 }
        let verdicts = WallVerdict.verdicts(wallSecondsPerRow: [fast, slow])
        #expect(verdicts[1].pValue ?? 1 < WallVerdict.significance)
        #expect(verdicts.map(\.standing) == [.tied, .tied])
    }

    @Test("fewer than four runs a side: untested, whatever the gap")
    func tooFewRuns() {
        let verdicts = WallVerdict.verdicts(wallSecondsPerRow: [[1.0, 1.01, 0.99], [2.0, 2.1, 1.9]])
        #expect(verdicts.map(\.standing) == [.untested, .untested])
        #expect(verdicts[1].ratio == 2)
    }

    @Test("equal strategies over 60 benchmarks: a fastest is named at most once")
    func falseFastest() {
        var named = 0
        let benchmarks = 60
        for seed in 0..<UInt64(benchmarks) {
            let rows = (0..<5).map { Self.runs(1.0, noise: 0.10, count: 5, seed: seed * 10 + UInt64($0)) }
            if WallVerdict.verdicts(wallSecondsPerRow: rows).contains(where: { $0.standing == .fastest }) {
                named += 1
            }
        }
        // Each of four tests at 5%, all four needed: far below 1% by chance.
        #expect(named <= 1, "\(named) of \(benchmarks)")
    }

    @Test("the interval is the same for the same runs")
    func repeatable() {
        let a = Self.runs(1.0, noise: 0.1, count: 7, seed: 5)
        let b = Self.runs(1.1, noise: 0.1, count: 7, seed: 6)
        #expect(MedianRatioInterval(numerator: b, denominator: a) == MedianRatioInterval(numerator: b, denominator: a))
    }
}

extension WallVerdictTests {
    @Test("a row with more failures does less work: left out, and the leader is the fastest of the rest")
    func moreErrors() {
        let verdicts = WallVerdict.verdicts(
            wallSecondsPerRow: [[0.01, 0.011, 0.012, 0.01], [1.0, 1.01, 0.99, 1.0], [2.0, 2.1, 1.9, 2.0]],
            errorsPerRow: [499, 0, 5], records: 500)
        #expect(verdicts.map(\.standing) == [.moreErrors, .fastest, .slower])
        #expect(verdicts[0].pValue == nil)
        // Two more failures on a short list is a flaky server, not less work.
        let flaky = WallVerdict.verdicts(
            wallSecondsPerRow: [[1.0, 1.01, 0.99, 1.0], [2.0, 2.1, 1.9, 2.0]], errorsPerRow: [2, 0], records: 40)
        #expect(flaky.map(\.standing) == [.fastest, .slower])
    }
}
