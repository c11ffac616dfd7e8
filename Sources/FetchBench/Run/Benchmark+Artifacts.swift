import FetchKit

extension Benchmark {
    /// Writes `--report` and `--trace` from each strategy's representative run (`runs`
    /// holds the strategies only; other tools' rows come from `comparison`, for the
    /// report's chart). The trace names, for each strategy, which of its runs it holds.
    func writeArtifacts(_ comparison: BenchComparison, runs: [StrategyRuns]) throws {
        let representative = runs.map(\.representative)
        if let tracePath = plan.tracePath {
            let writer = try ChromeTraceWriter(path: tracePath)
            for (process, (sample, strategyRuns)) in zip(representative, runs).enumerated() {
                let name =
                    "\(sample.contender.name): run \(sample.repetition + 1) of \(strategyRuns.samples.count) "
                    + "(the median wall time)"
                writer.addProcess(id: process + 1, name: name)
                for record in sample.records { writer.add(record, process: process + 1) }
            }
            try writer.finish()
        }
        if let reportPath = plan.reportPath {
            let tools = comparison.strategies.filter(\.contender.isExternal).map(ComparisonChartRow.init(summary:))
            let html = BenchHTMLReport.render(
                comparison: comparison, samples: representative, runs: runs.map(\.samples), externalRows: tools)
            try writeFile(reportPath, html)
        }
    }
}
