import Synchronization

/// Receives every record from whichever thread finished it, writes it to stdout in the
/// chosen format at once, and keeps the totals. Thread-safe.
public final class Reporter: Sendable {
    private struct State {
        var summary = RunSummary()
        let writer: OutputWriter
        var closedReported = false
        /// Reused for every record, so formatting does not allocate.
        var line: [UInt8] = []
    }

    private let formatter: RecordFormatter
    private let state: Mutex<State>
    private let progress: RunProgress
    private let onOutputClosed: @Sendable () -> Void
    private let observers: [@Sendable (FetchRecord) -> Void]

    /// - Parameters:
    ///   - onOutputClosed: called once when stdout stops taking output (its reader left).
    ///   - observers: also see every record (traces, benchmarks), on the emitting thread.
    public init(
        format: OutputFormat, outputFD: Int32 = 1, progress: RunProgress,
        observers: [@Sendable (FetchRecord) -> Void] = [],
        onOutputClosed: @escaping @Sendable () -> Void = {}
    ) {
        formatter = format.formatter
        state = Mutex(State(writer: OutputWriter(fd: outputFD)))
        self.progress = progress
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
        let closedNow = state.withLock { state -> Bool in
            state.summary.add(record)
            progress.clearLine()
            state.line.removeAll(keepingCapacity: true)
            formatter.format(record, into: &state.line)
            let written = state.line.withUnsafeBufferPointer { state.writer.write($0) }
            guard !written, !state.closedReported else { return false }
            state.closedReported = true
            return true
        }
        progress.recordDone(ok: record.ok)
        for observer in observers { observer(record) }
        if closedNow { onOutputClosed() }
    }

    /// Writes the format's footer and returns the run's totals.
    func finish(wall: Double, interrupted: Bool) -> RunSummary {
        progress.finish()
        var summary = state.withLock { state in
            state.summary.wall = wall
            state.summary.interrupted = interrupted
            return state.summary
        }
        if let footer = formatter.footer(summary) { write(footer) }
        summary.wall = wall
        return summary
    }

    private func write(_ text: String) {
        state.withLock { _ = $0.writer.write(text) }
    }
}
