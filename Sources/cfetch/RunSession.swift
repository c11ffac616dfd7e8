import Dispatch
import FetchKit
import FetchQueue

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
    /// Queue mode: the worker that feeds the run from the stream and settles its records.
    var queueWorker: QueueWorker?

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
        try run(input: .sources(sources))
    }

    /// How long a finished queue-mode run waits for a server that went away to settle its
    /// last records: past it, their entries stay pending and are fetched again elsewhere.
    static let settleGrace = Duration.seconds(30)

    /// Runs to the end and returns the exit status (0, 1, 23, 130 or 143).
    func run(input: RunInput) throws -> Int32 {
        let progress = RunProgress.forTerminal(enabled: !silent)
        let run = FetchRun(configuration: fittedConfiguration(progress: progress), input: input, progress: progress)
        var onWritten: (@Sendable ([WrittenRecord]) -> Void)?
        if let queueWorker { onWritten = { queueWorker.recordsWritten($0) } }
        let reporter = Reporter(
            format: format, progress: progress, fields: fields, writeOut: writeOut, observers: observers,
            onOutputEnded: { run.stop() }, onWritten: onWritten)
        queueWorker?.attach(progress: progress, stopRun: { run.stop() })
        InterruptHandler.install(onFirst: { [silent] signal in
            if !silent { progress.warn(signal.notice) }
            run.interrupt(signal)
        })
        let summary = try run.run(reporter: reporter)
        var status = summary.exitStatus
        if let queueWorker {
            let unsettled = queueWorker.finish(within: min(queueWorker.settings.claimIdle, Self.settleGrace))
            if unsettled > 0 {
                printError(
                    "warning: \(unsettled) records written to stdout could not be settled in Redis: their entries "
                        + "stay pending, and another worker fetches them again after --claim-idle")
            }
            if let failure = queueWorker.failure {
                printError(failure)
                if status == 0 { status = 1 }
            }
        }
        // Lost records are said even with -s: the exit status alone would not say how many.
        if summary.outputFailed || (!silent && !summary.outputClosed) { printError(summary.line) }
        return status
    }
}
