import FetchBench
import FetchKit

/// Synthetic runs for the trace and report tests: `count` URLs over `workers` workers,
/// each worker taking the next URL as soon as it is free, with a deterministic mix of
/// latencies and outcomes.
enum SyntheticRun {
    static func records(
        count: Int,
        workers: Int,
        strategy: StrategyKind = .structured,
        seed: UInt64 = 1
    )
        -> [FetchRecord]
    {
        var random = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func next() -> Double {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(random >> 11) / Double(1 << 53)
        }
        var free = [Double](repeating: 0, count: workers)
        var records: [FetchRecord] = []
        records.reserveCapacity(count)
        for index in 0..<count {
            // The earliest free worker takes the next URL; workers.count is small or the
            // scan stays cheap next to rendering.
            var worker = 0
            for candidate in 1..<workers where free[candidate] < free[worker] { worker = candidate }
            let begin = free[worker]
            // Mostly 5–50 ms, with a slow tail up to ~1 s.
            let duration = next() < 0.95 ? 0.005 + next() * 0.045 : 0.1 + next() * 0.9
            free[worker] = begin + duration
            let roll = next()
            var record = FetchRecord(
                index: index,
                url: "https://example.test/item/\(index)?q=a&b=<\(index % 7)>",
                ok: true,
                status: 200,
                bytes: 1000 + index,
                worker: worker + 1,
                strategy: strategy,
                attempts: 1,
                queued: begin,
                start: begin,
                elapsed: duration,
                phases: PhaseTimes(),
                httpVersion: "1.1",
                contentType: "text/plain",
                effectiveURL: nil,
                error: nil,
                message: nil
            )
            record.phases.total = duration
            if roll < 0.03 {
                record.ok = false
                record.status = 404
                record.error = .http
            } else if roll < 0.04 {
                record.ok = false
                record.status = nil
                record.error = .timeout
                record.message = "Operation timed out after 1000 milliseconds"
            } else if roll < 0.045 {
                record.ok = false
                record.status = nil
                record.error = .cancelled
            }
            records.append(record)
        }
        return records
    }

    /// `sample` with other records (and quiet resource figures).
    static func replacingRecords(of sample: BenchSample, with records: [FetchRecord]) -> BenchSample {
        BenchSample(
            contender: sample.contender, repetition: 0, records: records, wall: sample.wall, userCPU: 0,
            systemCPU: 0, peakRSSBytes: 0, peakThreads: 1, voluntaryContextSwitches: 0,
            involuntaryContextSwitches: 0, exitStatus: 0)
    }

    static func sample(_ strategy: StrategyKind, count: Int, workers: Int) -> BenchSample {
        let seed = UInt64(StrategyKind.allCases.firstIndex(of: strategy) ?? 0) + 1
        let records = records(count: count, workers: workers, strategy: strategy, seed: seed)
        let wall = records.map { TransferSpan($0).end }.max() ?? 0
        return BenchSample(
            strategy: strategy,
            repetition: 0,
            records: records,
            wall: wall + 0.05,
            userCPU: 0.2,
            systemCPU: 0.1,
            peakRSSBytes: 40_000_000,
            peakThreads: strategy == .blocking ? workers + 2 : 3,
            voluntaryContextSwitches: 0,
            involuntaryContextSwitches: 0,
            exitStatus: 0
        )
    }

    /// One sample per strategy and the comparison of them.
    static func bench(count: Int, workers: Int) -> (BenchComparison, [BenchSample]) {
        let samples = StrategyKind.allCases.map { sample($0, count: count, workers: workers) }
        let comparison = BenchComparison(
            workload: "synthetic <list> & co",
            concurrency: workers,
            repeats: 1,
            strategies: samples.map { StrategySummary(samples: [$0]) }
        )
        return (comparison, samples)
    }
}

extension SyntheticRun {
    /// `records` with every transfer ok, but the one at `failing`: an HTTP 503 that took
    /// a tenth of a millisecond — far under a pixel on any timeline of the run.
    static func oneFailure(_ records: [FetchRecord], at failing: Int) -> [FetchRecord] {
        var records = records
        for index in records.indices {
            records[index].ok = true
            records[index].status = 200
            records[index].error = nil
            records[index].message = nil
        }
        records[failing].ok = false
        records[failing].status = 503
        records[failing].error = .http
        records[failing].elapsed = 0.0001
        records[failing].phases.total = 0.0001
        return records
    }

    /// A run whose input reader fills the queue in chunks of `chunk` URLs, each when the
    /// previous chunk is half taken, while every worker takes its next URL the moment it
    /// finishes one: the queue's depth is a sawtooth, yet no worker ever waits.
    static func chunkedReader(count: Int, workers: Int, chunk: Int) -> [FetchRecord] {
        var records = records(count: count, workers: workers)
        for index in records.indices {
            let trigger = max(0, index / chunk * chunk - chunk / 2)
            let enqueued = index < chunk ? 0 : TransferSpan(records[trigger]).begin
            records[index].queued = max(0, TransferSpan(records[index]).begin - enqueued)
        }
        return records
    }

    /// A sample of `strategy` with these records.
    static func sample(_ strategy: StrategyKind, records: [FetchRecord]) -> BenchSample {
        let wall = records.map { TransferSpan($0).end }.max() ?? 0
        return BenchSample(
            strategy: strategy, repetition: 0, records: records, wall: wall + 0.05, userCPU: 0.2, systemCPU: 0.1,
            peakRSSBytes: 40_000_000, peakThreads: 3, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0,
            exitStatus: 0)
    }
}
