import Dispatch
import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// Runs a `FetchRun` the way the command line promises: as many of `-j` as descriptors allow,
/// SIGINT and SIGTERM handling, a progress bar and a summary on stderr, and the exit status.
struct RunSession {
    let configuration: RunConfiguration
    let format: OutputFormat
    let silent: Bool
    /// The JSONL keys and CSV columns, in order (`--fields`).
    var fields = RecordField.ordered
    /// `-w`'s template, written per record instead of `format`.
    var writeOut: WriteOutTemplate?
    /// Also see every record (a trace writer), on the thread that finished it.
    var observers: [@Sendable (FetchRecord) -> Void] = []

    /// The configuration with `-j` lowered, saying so once, when the open-files limit cannot
    /// hold that many transfers at once (a transfer must never fail for want of one).
    private func fittedConfiguration(progress: RunProgress) -> RunConfiguration {
        let budget = OpenFileLimit.fit(
            concurrency: configuration.concurrency, strategy: configuration.strategy,
            savesFiles: configuration.options.outputDirectory != nil)
        guard budget.concurrency < configuration.concurrency else { return configuration }
        progress.warn(
            "-j \(configuration.concurrency) lowered to \(budget.concurrency): the open-files limit is "
                + "\(budget.limit) (ulimit -n); raise it to run more at once")
        var fitted = configuration
        fitted.concurrency = budget.concurrency
        return fitted
    }

    /// Runs to the end and returns the exit status (0, 1, 23, 130 or 143).
    func run(sources: [InputSource]) throws -> Int32 {
        let progress = RunProgress.forTerminal(enabled: !silent)
        let run = FetchRun(configuration: fittedConfiguration(progress: progress), sources: sources, progress: progress)
        let reporter = Reporter(
            format: format, progress: progress, fields: fields, writeOut: writeOut, observers: observers,
            onOutputEnded: { run.stop() })
        InterruptHandler.install(onFirst: { [silent] signal in
            if !silent { progress.warn(signal.notice) }
            run.interrupt(signal)
        })
        let summary = try run.run(reporter: reporter)
        // Lost records are said even with -s: the exit status alone would not say how many.
        if summary.outputFailed || (!silent && !summary.outputClosed) { printError(summary.line) }
        return summary.exitStatus
    }
}
