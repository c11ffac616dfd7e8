import FetchKit
import Testing

@testable import FetchBench

@Suite("Bench report: the strip shows what the workers saw")
struct IdleWorkersStripTests {
    @Test("a reader refilling in chunks while workers never wait: a sawtooth queue, an empty strip")
    func refillSawtoothIsNotStarvation() throws {
        let records = SyntheticRun.chunkedReader(count: 2_000, workers: 8, chunk: 200)
        let spans = records.map(TransferSpan.init)
        let sample = SyntheticRun.sample(.callback, records: records)
        let scale = TimelineScale(samples: [sample])
        // The run is what the old strip drew as a sawtooth: the queue's depth swings.
        var depth = ColumnIntegral(columns: 496, duration: scale.duration)
        for span in spans { depth.add(from: span.queuedFrom, to: span.begin) }
        let depths = depth.means().prefix { $0 > 0 }
        #expect((depths.max() ?? 0) > 4 * (depths.min() ?? 0) + 50)
        // Yet no worker waited.
        let idle = IdleWorkersStrip.idleWorkers(records, spans: spans, columns: 496, duration: scale.duration)
        #expect(idle.allSatisfy { $0 == 0 })
        let svg = TimelineSVG(records: records, scale: scale, view: TimelineView(aggregation: nil, workers: 8))
            .render().svg
        #expect(!svg.contains("class=\"idle\""))
        #expect(svg.contains(">idle workers</text>") && svg.contains(">none</text>"))
    }

    @Test("workers that wait between transfers show as idle, on a scale of all the workers")
    func starvedWorkersShow() throws {
        // Every worker waits 20 ms after each transfer: a reader too slow to keep up.
        var records = SyntheticRun.records(count: 400, workers: 4)
        var shift = [Double](repeating: 0, count: 5)
        for index in records.indices {
            let worker = records[index].worker
            records[index].start += shift[worker]
            shift[worker] += 0.02
        }
        let spans = records.map(TransferSpan.init)
        let sample = SyntheticRun.sample(.callback, records: records)
        let scale = TimelineScale(samples: [sample])
        let idle = IdleWorkersStrip.idleWorkers(records, spans: spans, columns: 100, duration: scale.duration)
        let mean = idle.dropLast(20).reduce(0, +) / Double(idle.count - 20)
        #expect(mean > 0.5 && (idle.max() ?? 0) <= 4)
        let svg = TimelineSVG(records: records, scale: scale, view: TimelineView(aggregation: nil, workers: 4))
            .render().svg
        let path = try #require(SVGScan.elements("path", in: svg).first { $0.attributes["class"] == "idle" })
        #expect(path.attributes["d"]?.hasPrefix("M\(ReportNumber.px(TimelineScale.plotLeft)) ") == true)
        #expect(svg.contains(" of 4</text>"))
    }

    @Test("time before a worker's first transfer and after its last is not counted")
    func onlyBetweenTransfers() {
        var records = SyntheticRun.records(count: 2, workers: 2)
        // Worker 2 starts late and both finish at different times: no gaps between
        // transfers of one worker, so nothing is idle.
        records[1].start += 0.5
        let spans = records.map(TransferSpan.init)
        let idle = IdleWorkersStrip.idleWorkers(records, spans: spans, columns: 10, duration: 1)
        #expect(idle.allSatisfy { $0 == 0 })
    }
}
