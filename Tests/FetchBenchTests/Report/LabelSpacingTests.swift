import FetchKit
import Testing

@testable import FetchBench

@Suite("Bench report: labels that do not collide")
struct LabelSpacingTests {
    /// No two kept labels overlap, and each kept pair is at least the gap apart.
    private func assertApart(_ labels: [LabelSpacing.Label], _ kept: [Int]) {
        for (left, right) in zip(kept, kept.dropFirst()) {
            let end = labels[left].extent(fontSize: 11).upperBound
            #expect(labels[right].extent(fontSize: 11).lowerBound >= end + LabelSpacing.gap)
        }
    }

    @Test("crowded ticks: labels are skipped until the kept ones clear each other")
    func crowded() {
        let labels = (0...40).map { LabelSpacing.Label(position: 88 + Double($0) * 10, text: "\($0 * 25).0") }
        let kept = LabelSpacing.visible(labels)
        #expect(kept.first == 0 && kept.count < labels.count && kept.count > 5)
        #expect(kept.last == labels.count - 1)
        assertApart(labels, kept)
        // Without the spacing, neighbours would overlap: the test can fail.
        #expect(labels[1].extent(fontSize: 11).lowerBound < labels[0].extent(fontSize: 11).upperBound)
    }

    @Test("roomy ticks keep every label")
    func roomy() {
        let labels = (0...8).map { LabelSpacing.Label(position: 88 + Double($0) * 124, text: "\($0)") }
        #expect(LabelSpacing.visible(labels) == Array(labels.indices))
    }

    @Test("the drawn axis keeps its labels apart", arguments: [0.013, 2.7, 95.0, 4_321.0])
    func timelineAxis(latest: Double) {
        var record = SyntheticRun.records(count: 1, workers: 1)[0]
        record.elapsed = latest
        record.phases.total = latest
        let scale = TimelineScale(samples: [SyntheticRun.sample(.green, records: [record])])
        var svg = ""
        SVGAxis.drawBottom(scale.ticks, y: 100, left: 88, right: 1080, gridTop: 0, title: "s", into: &svg)
        let texts = SVGScan.elements("text", in: svg).filter { $0.attributes["text-anchor"] == "middle" }
        #expect(texts.count >= 2)
        let positions = texts.compactMap { $0.number("x") }
        for (left, right) in zip(positions, positions.dropFirst()) { #expect(right - left >= 30) }
    }

    @Test("histogram bins read as short numbers with a unit, and neighbours differ", arguments: [false, true])
    func binLabels(logarithmic: Bool) {
        var records = SyntheticRun.records(count: 200, workers: 4)
        if logarithmic { records[0].elapsed = 0.000_123 } else { records[0].elapsed = 0.04 }
        if !logarithmic { for index in records.indices { records[index].elapsed = 0.010 + Double(index % 7) * 0.0003 } }
        let axis = LatencyAxis(samples: [SyntheticRun.sample(.green, records: records)])
        #expect(axis.logarithmic == logarithmic)
        for bin in 0..<LatencyAxis.bins {
            let label = axis.binLabel(bin)
            #expect(label.hasSuffix(" ms"))
            let parts = label.dropLast(3).split(separator: "–").map(String.init)
            #expect(parts.count == 2 && parts[0] != parts[1], "\(label)")
            for part in parts {
                let digits = part.filter(\.isNumber).drop { $0 == "0" }
                #expect(digits.count <= 5, "\(label)")
            }
        }
        #expect(ReportNumber.significant(1.258_925) == "1.3" && ReportNumber.significant(0.012_34) == "0.012")
        #expect(ReportNumber.significant(1_234) == "1234" && ReportNumber.significant(12.3) == "12")
    }

    @Test("lane labels are at least a line apart")
    func laneLabels() {
        for workers in [1, 7, 50, 120, 160, 1_000] {
            for maxRows in [TimelineSVG.maxLanes, TimelineSVG.maxBands] {
                let lanes = TimelineLanes(workers: workers, maxRows: maxRows)
                #expect(Double(lanes.labelEvery) * lanes.rowHeight >= 12)
            }
        }
    }
}
