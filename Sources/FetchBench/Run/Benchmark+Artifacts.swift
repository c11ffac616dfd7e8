import FetchKit

extension Benchmark {
    /// Writes `--report` and `--trace` from each strategy's representative run.
    func writeArtifacts(_ comparison: BenchComparison, runs: [StrategyRuns]) throws {
        let representative = runs.map(\.representative)
        if let tracePath = plan.tracePath {
            let writer = try ChromeTraceWriter(path: tracePath)
            for (process, sample) in representative.enumerated() {
                writer.addProcess(id: process + 1, name: sample.strategy.rawValue)
                for record in sample.records { writer.add(record, process: process + 1) }
            }
            try writer.finish()
        }
        if let reportPath = plan.reportPath {
            let html = BenchHTMLReport.render(
                comparison: comparison, samples: representative, runs: runs.map(\.samples))
            try writeFile(reportPath, html)
        }
    }
}
