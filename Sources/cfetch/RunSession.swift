import Dispatch
import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// Runs a `FetchRun` the way the command line promises: enough descriptors for `-j`,
/// SIGINT and SIGTERM handling, a progress bar and a summary on stderr, and the exit status.
struct RunSession {
    let configuration: RunConfiguration
    let format: OutputFormat
    let silent: Bool
    /// Also see every record (a trace writer), on the thread that finished it.
    var observers: [@Sendable (FetchRecord) -> Void] = []

    /// Runs to the end and returns the exit status (0, 1, 23, 130 or 143).
    func run(sources: [InputSource]) throws -> Int32 {
        try OpenFileLimit.ensure(
            OpenFileLimit.needed(
                concurrency: configuration.concurrency, strategy: configuration.strategy,
                savesFiles: configuration.options.outputDirectory != nil))
        let progress = RunProgress.forTerminal(enabled: !silent)
        let run = FetchRun(configuration: configuration, sources: sources, progress: progress)
        let reporter = Reporter(
            format: format, progress: progress, observers: observers, onOutputEnded: { run.stop() })
        InterruptHandler.install { [silent] signal in
            if !silent { progress.warn(signal.notice) }
            run.interrupt(signal)
        }
        let summary = try run.run(reporter: reporter)
        // Lost records are said even with -s: the exit status alone would not say how many.
        if summary.outputFailed || (!silent && !summary.outputClosed) { printError(summary.line) }
        return summary.exitStatus
    }
}
