import Foundation

/// Receives every record from whichever thread finished it, writes it to stdout in the
/// chosen format at once, and keeps the totals. Thread-safe.
///
/// Formatting happens outside the lock; the lock covers the totals and the write, so
/// lines never interleave. It is a plain pthread mutex (`NSLock`): with fifty blocking
/// workers contending, a mutex that sleeps beats one that spins.
///
/// The first write stdout refuses ends the output: nothing is written after it (a record
/// lost is never followed by later ones), and `onOutputEnded` stops the run.
public final class Reporter: @unchecked Sendable {  // guarded: `summary`, `writer` by `lock`
    private let formatter: RecordFormatter
    private let lock = NSLock()
    private let progress: RunProgress
    /// stdout is the terminal the progress bar is drawn on: the bar makes way for each line.
    private let sharesBarTerminal: Bool
    private let onOutputEnded: @Sendable () -> Void
    private let observers: [@Sendable (FetchRecord) -> Void]
    // Guarded by `lock`.
    private var summary = RunSummary()
    private let writer: OutputWriter

    /// - Parameters:
    ///   - onOutputEnded: called once when stdout stops taking output (its reader left, or
    ///     a write failed: the summary says which).
    ///   - observers: also see every record (traces, benchmarks), on the emitting thread.
    ///   - fields: the JSONL keys and CSV columns, in order (`--fields`); all by default.
    public init(
        format: OutputFormat, outputFD: Int32 = 1, progress: RunProgress,
        fields: [RecordField] = RecordField.ordered,
        observers: [@Sendable (FetchRecord) -> Void] = [],
        onOutputEnded: @escaping @Sendable () -> Void = {}
    ) {
        formatter = format.formatter(fields: fields)
        writer = OutputWriter(fd: outputFD)
        self.progress = progress
        sharesBarTerminal = progress.drawsOnSameTerminal(as: outputFD)
        self.observers = observers
        self.onOutputEnded = onOutputEnded
    }

    /// Writes the header, if the format has one.
    func begin() {
        guard let header = formatter.header else { return }
        var bytes = Array(header.utf8)
        write(&bytes, record: nil)
    }

    /// Takes one record: counts it, writes it, shows progress.
    public func emit(_ record: FetchRecord) {
        var line: [UInt8] = []
        line.reserveCapacity(512)
        formatter.format(record, into: &line)
        write(&line, record: record)
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
            var bytes = Array(footer.utf8)
            write(&bytes, record: nil)
        }
        return lock.withLock { summary }
    }

    /// Counts `record` (if any) and writes `bytes`; the first refused write ends the output.
    private func write(_ bytes: inout [UInt8], record: FetchRecord?) {
        lock.lock()
        if let record { summary.add(record) }
        let hadFailed = writer.failure != nil
        let written =
            sharesBarTerminal
            ? progress.makingWay { bytes.withUnsafeBufferPointer { writer.write($0) } }
            : bytes.withUnsafeBufferPointer { writer.write($0) }
        if written && record != nil { summary.written += 1 }
        let endedNow = !hadFailed && writer.failure != nil
        if endedNow { summary.outputError = writer.failure }
        lock.unlock()
        if endedNow { onOutputEnded() }
    }
}
