import FetchKit
import Foundation
import Testing

@testable import FetchBench

/// Benchmarks of almost nothing: one URL, empty bodies, every transfer failed, no records
/// at all, a run that took no measurable time. Everything bench computes and draws from
/// them (the statistics, the table, the CSV, the JSON, the HTML report, the trace) must
/// come out without a trap: `--size 0` once crashed the whole command.
@Suite("Bench on tiny inputs")
struct TinyInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var records: [FetchRecord]
        var wall: Double
        var testDescription: String { name }
    }

    static func record(index: Int, ok: Bool = true, bytes: Int = 0, elapsed: Double = 0) -> FetchRecord {
        var record = FetchRecord(
            index: index, url: "http://127.0.0.1/bytes/0", ok: ok, status: ok ? 200 : nil, bytes: bytes, worker: 1,
            strategy: .callback, attempts: ok ? 1 : 0, queued: 0, start: 0, elapsed: elapsed, phases: PhaseTimes(),
            httpVersion: ok ? "1.1" : nil, contentType: nil, effectiveURL: nil, error: ok ? nil : .connect,
            message: ok ? nil : "Connection refused")
        record.phases.total = elapsed
        return record
    }

    static let cases: [Case] = [
        Case(name: "no records", records: [], wall: 0.01),
        Case(name: "one URL", records: [record(index: 0, bytes: 10, elapsed: 0.002)], wall: 0.01),
        Case(name: "one empty body in no time", records: [record(index: 0)], wall: 0),
        Case(name: "empty bodies", records: (0..<5).map { record(index: $0, elapsed: 0.001) }, wall: 0.005),
        Case(name: "every transfer failed", records: (0..<3).map { record(index: $0, ok: false) }, wall: 0.001),
        Case(
            name: "a run that measured nothing",
            records: (0..<4).map { record(index: $0, elapsed: 0) }, wall: 0),
    ]

    private func sample(_ strategy: StrategyKind, _ tiny: Case) -> BenchSample {
        BenchSample(
            strategy: strategy, repetition: 0, records: tiny.records, wall: tiny.wall, userCPU: 0, systemCPU: 0,
            peakRSSBytes: 0, peakThreads: 0, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0,
            exitStatus: 0)
    }

    @Test("statistics, table, CSV, JSON, report and trace", arguments: cases)
    func everything(tiny: Case) throws {
        let samples = [sample(.callback, tiny), sample(.green, tiny)]
        let comparison = BenchComparison(
            workload: tiny.name, concurrency: 1, repeats: 1, strategies: samples.map { StrategySummary(samples: [$0]) })
        for row in comparison.strategies {
            #expect(row.records == tiny.records.count)
            #expect(row.requestsPerSecond.median.isFinite)
            #expect(row.latencyP99?.median.isFinite == true && row.queuedMean?.median.isFinite == true)
            #expect(comparison.ratio(row).isFinite)
        }
        let table = BenchTable.render(comparison, bold: false)
        #expect(table.contains("callback") && table.contains("green"), "\(table)")
        #expect(!table.contains("nan") && !table.contains("inf"), "\(table)")
        #expect(BenchTable.csv(comparison).split(separator: "\r\n").count == 3)
        #expect(try JSONSerialization.jsonObject(with: Data(comparison.json().utf8)) is [String: Any])
        let html = BenchHTMLReport.render(comparison: comparison, samples: samples)
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("NaN"), "\(html.prefix(300))")
        var trace: [UInt8] = []
        for record in tiny.records { ChromeTraceEvent.appendComplete(record, process: 1, to: &trace) }
        #expect(tiny.records.isEmpty == trace.isEmpty)
    }
}
