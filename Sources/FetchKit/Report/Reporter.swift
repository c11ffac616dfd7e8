#if canImport(Glibc)
import Glibc
#endif

/// Receives every record from whichever thread finished it, formats it for stdout in the
/// chosen format, and keeps the totals. Thread-safe.
///
/// The lock covers the totals and the formatting, into the `RecordOutput`'s pending batch
/// (one buffer, reused), so lines never interleave; the output's own thread writes the
/// batch, so an emitting thread never waits for stdout. The lock is a plain pthread mutex
/// (`Lock`): with fifty blocking workers contending, a mutex that sleeps beats one that
/// spins.
///
/// The first write stdout refuses ends the output: nothing is written after it (a record
/// lost is never followed by later ones), and `onOutputEnded` stops the run.
public final class Reporter: @unchecked Sendable {  // guarded: `summary`, `errorLine` by `lock`
    private let formatter: RecordFormatter
    private let lock = Lock()
    private let progress: RunProgress
    private let observers: [@Sendable (FetchRecord) -> Void]
    private let output: RecordOutput
    // Guarded by `lock`.
    private var summary = RunSummary()
    /// One record's `%{stderr}` part (`-w`): reused, so a record costs no allocation.
    private var errorLine: [UInt8] = []

    /// - Parameters:
    ///   - onOutputEnded: called once when stdout stops taking output (its reader left, or
    ///     a write failed: the summary says which).
    ///   - observers: also see every record (traces, benchmarks), on the emitting thread.
    ///   - fields: the JSONL keys and CSV columns, in order (`--fields`); all by default.
    ///   - writeOut: `-w`'s template, written per record instead of `format`.
    ///   - onWritten: given records once they are wholly written to stdout, in order, on the
    ///     output's thread (queue mode settles them in the stream then); with each its JSON
    ///     line as written, when the output is JSON lines with every field.
    public convenience init(
        format: OutputFormat, outputFD: Int32 = 1, progress: RunProgress,
        fields: [RecordField] = RecordField.ordered,
        writeOut: WriteOutTemplate? = nil,
        observers: [@Sendable (FetchRecord) -> Void] = [],
        onOutputEnded: @escaping @Sendable () -> Void = {},
        onWritten: (@Sendable ([WrittenRecord]) -> Void)? = nil
    ) {
        self.init(
            format: format, outputFD: outputFD, outputLimit: RecordOutput.defaultLimit, progress: progress,
            fields: fields, writeOut: writeOut, observers: observers, onOutputEnded: onOutputEnded,
            onWritten: onWritten)
    }

    /// - Parameter outputLimit: the bytes waiting for stdout past which the input waits.
    init(
        format: OutputFormat, outputFD: Int32, outputLimit: Int, progress: RunProgress,
        fields: [RecordField] = RecordField.ordered,
        writeOut: WriteOutTemplate? = nil,
        observers: [@Sendable (FetchRecord) -> Void] = [],
        onOutputEnded: @escaping @Sendable () -> Void = {},
        onWritten: (@Sendable ([WrittenRecord]) -> Void)? = nil
    ) {
        formatter = writeOut.map { WriteOutFormatter(template: $0) } ?? format.formatter(fields: fields)
        output = RecordOutput(
            fd: outputFD, limit: outputLimit,
            barTerminal: progress.drawsOnSameTerminal(as: outputFD) ? progress : nil, onEnded: onOutputEnded,
            onWritten: onWritten,
            jsonLines: writeOut == nil && format == .jsonl && fields == RecordField.ordered)
        self.progress = progress
        self.observers = observers
    }

    /// The work queue's gate for stdout: the input waits while too much waits to be written.
    var inputGate: any PushGate { output }

    /// stdout's writer (tests).
    var recordOutput: RecordOutput { output }

    /// Writes the header, if the format has one.
    func begin() {
        guard let header = formatter.header else { return }
        output.append(record: false) { $0.append(utf8: header) }
    }

    /// Takes one record: counts it, formats it for stdout, shows progress.
    public func emit(_ record: FetchRecord) {
        lock.lock()
        summary.add(record)
        errorLine.removeAll(keepingCapacity: true)
        if output.reportsWritten {
            output.append(keeping: record) { formatter.format(record, into: &$0, errorOutput: &errorLine) }
        } else {
            output.append(record: true) { formatter.format(record, into: &$0, errorOutput: &errorLine) }
        }
        if !errorLine.isEmpty { progress.writeToStderr(errorLine) }
        lock.unlock()
        progress.recordDone(ok: record.ok)
        for observer in observers { observer(record) }
    }

    /// Writes the format's footer, waits until every record is out (or refused), and
    /// returns the run's totals.
    /// - Parameter throttled: the hosts that pushed back, for the summary and the footer.
    func finish(wall: Double, throttled: [ThrottledHost] = []) -> RunSummary {
        progress.finish()
        let totals = lock.withLock {
            summary.wall = wall
            summary.throttled = throttled
            return summary
        }
        if let footer = formatter.footer(totals) {
            output.append(record: false) { $0.append(utf8: footer) }
        }
        output.close()
        let outcome = output.outcome
        return lock.withLock {
            summary.written = outcome.written
            summary.outputError = outcome.failure
            return summary
        }
    }

    /// Writes what is pending and stops stdout's writer, for a run that ends without
    /// `finish` (its strategy failed to start).
    func endOutput() {
        output.close()
    }
}
