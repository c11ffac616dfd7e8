#if canImport(Glibc)
import Glibc
#endif

/// Receives every record from whichever thread finished it, writes it to stdout in the
/// chosen format at once, and keeps the totals. Thread-safe.
///
/// The lock covers the formatting (into one buffer, reused for every record), the totals
/// and the write, so lines never interleave. It is a plain pthread mutex (`Lock`): with
/// fifty blocking workers contending, a mutex that sleeps beats one that spins.
///
/// The first write stdout refuses ends the output: nothing is written after it (a record
/// lost is never followed by later ones), and `onOutputEnded` stops the run.
public final class Reporter: @unchecked Sendable {  // guarded: `summary`, `writer`, the buffers by `lock`
    private let formatter: RecordFormatter
    private let lock = Lock()
    private let progress: RunProgress
    /// stdout is the terminal the progress bar is drawn on: the bar makes way for each line.
    private let sharesBarTerminal: Bool
    private let onOutputEnded: @Sendable () -> Void
    private let observers: [@Sendable (FetchRecord) -> Void]
    // Guarded by `lock`.
    private var summary = RunSummary()
    private let writer: OutputWriter
    /// One record's text, and its `%{stderr}` part (`-w`): reused, so a record costs no allocation.
    private var line: [UInt8] = []
    private var errorLine: [UInt8] = []

    /// - Parameters:
    ///   - onOutputEnded: called once when stdout stops taking output (its reader left, or
    ///     a write failed: the summary says which).
    ///   - observers: also see every record (traces, benchmarks), on the emitting thread.
    ///   - fields: the JSONL keys and CSV columns, in order (`--fields`); all by default.
    ///   - writeOut: `-w`'s template, written per record instead of `format`.
    public init(
        format: OutputFormat, outputFD: Int32 = 1, progress: RunProgress,
        fields: [RecordField] = RecordField.ordered,
        writeOut: WriteOutTemplate? = nil,
        observers: [@Sendable (FetchRecord) -> Void] = [],
        onOutputEnded: @escaping @Sendable () -> Void = {}
    ) {
        formatter = writeOut.map { WriteOutFormatter(template: $0) } ?? format.formatter(fields: fields)
        line.reserveCapacity(512)
        writer = OutputWriter(fd: outputFD)
        self.progress = progress
        sharesBarTerminal = progress.drawsOnSameTerminal(as: outputFD)
        self.observers = observers
        self.onOutputEnded = onOutputEnded
    }

    /// Writes the header, if the format has one.
    func begin() {
        guard let header = formatter.header else { return }
        lock.lock()
        line.removeAll(keepingCapacity: true)
        line.append(utf8: header)
        write(record: nil)
    }

    /// Takes one record: counts it, writes it, shows progress.
    public func emit(_ record: FetchRecord) {
        lock.lock()
        line.removeAll(keepingCapacity: true)
        errorLine.removeAll(keepingCapacity: true)
        formatter.format(record, into: &line, errorOutput: &errorLine)
        if !errorLine.isEmpty { progress.writeToStderr(errorLine) }
        write(record: record)
        progress.recordDone(ok: record.ok)
        for observer in observers { observer(record) }
    }

    /// Writes the format's footer and returns the run's totals.
    /// - Parameter throttled: the hosts that pushed back, for the summary and the footer.
    func finish(wall: Double, throttled: [ThrottledHost] = []) -> RunSummary {
        progress.finish()
        let totals = lock.withLock {
            summary.wall = wall
            summary.throttled = throttled
            return summary
        }
        if let footer = formatter.footer(totals) {
            lock.lock()
            line.removeAll(keepingCapacity: true)
            line.append(utf8: footer)
            write(record: nil)
        }
        return lock.withLock { summary }
    }

    /// Counts `record` (if any) and writes `line`; the first refused write ends the output.
    /// Called with `lock` held; releases it.
    private func write(record: FetchRecord?) {
        if let record { summary.add(record) }
        let hadFailed = writer.failure != nil
        let written =
            sharesBarTerminal
            ? progress.makingWay { line.withUnsafeBufferPointer { writer.write($0) } }
            : line.withUnsafeBufferPointer { writer.write($0) }
        if written && record != nil { summary.written += 1 }
        let endedNow = !hadFailed && writer.failure != nil
        if endedNow { summary.outputError = writer.failure }
        lock.unlock()
        if endedNow { onOutputEnded() }
    }
}
