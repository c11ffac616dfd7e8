import Foundation

/// Receives every record from whichever thread finished it, writes it to stdout in the
/// chosen format at once, and keeps the totals. Thread-safe.
///
/// Formatting happens outside the lock; the lock covers the totals and the write, so
/// lines never interleave. It is a plain pthread mutex (`NSLock`): with fifty blocking
/// workers contending, a mutex that sleeps beats one that spins.
public final class Reporter: @unchecked Sendable {  // guarded: `summary`, `writer`, `closedReported` by `lock`
    private let formatter: RecordFormatter
    private let lock = NSLock()
    private let progress: RunProgress
    /// stdout is the terminal the progress bar is drawn on: the bar makes way for each line.
    private let sharesBarTerminal: Bool
    private let onOutputClosed: @Sendable () -> Void
    private let observers: [@Sendable (FetchRecord) -> Void]
    // Guarded by `lock`.
    private var summary = RunSummary()
    private let writer: OutputWriter
    private var closedReported = false

    /// - Parameters:
    ///   - onOutputClosed: called once when stdout stops taking output (its reader left).
    ///   - observers: also see every record (traces, benchmarks), on the emitting thread.
    public init(
        format: OutputFormat, outputFD: Int32 = 1, progress: RunProgress,
        observers: [@Sendable (FetchRecord) -> Void] = [],
        onOutputClosed: @escaping @Sendable () -> Void = {}
    ) {
        formatter = format.formatter
        writer = OutputWriter(fd: outputFD)
        self.progress = progress
        sharesBarTerminal = progress.drawsOnSameTerminal(as: outputFD)
        self.observers = observers
        self.onOutputClosed = onOutputClosed
    }

    /// Writes the header, if the format has one.
    func begin() {
        guard let header = formatter.header else { return }
        write(header)
    }

    /// Takes one record: counts it, writes it, shows progress.
    public func emit(_ record: FetchRecord) {
        var line: [UInt8] = []
        line.reserveCapacity(512)
        formatter.format(record, into: &line)
        lock.lock()
        summary.add(record)
        let written =
            sharesBarTerminal
            ? progress.makingWay { line.withUnsafeBufferPointer { writer.write($0) } }
            : line.withUnsafeBufferPointer { writer.write($0) }
        let closedNow = !written && !closedReported
        if closedNow { closedReported = true }
        lock.unlock()
        progress.recordDone(ok: record.ok)
        for observer in observers { observer(record) }
        if closedNow { onOutputClosed() }
    }

    /// Writes the format's footer and returns the run's totals.
    func finish(wall: Double, interrupted: Bool) -> RunSummary {
        progress.finish()
        lock.lock()
        summary.wall = wall
        summary.interrupted = interrupted
        let totals = summary
        lock.unlock()
        if let footer = formatter.footer(totals) { write(footer) }
        return totals
    }

    private func write(_ text: String) {
        lock.lock()
        writer.write(text)
        lock.unlock()
    }
}
