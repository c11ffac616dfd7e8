#if canImport(Glibc)
import Glibc
#endif

/// stdout for the reporter: pieces (records, the header, the footer) are formatted into one
/// pending batch on the thread that emits them, and a thread of its own, `cfetch-output`,
/// writes whatever has accumulated with one write(2).
///
/// An idle writer waits on the condition and the first piece wakes it; it then lingers a
/// moment (`linger`, 2 ms) for the pieces that follow before it writes, unless `eagerBytes`
/// are already pending or the output is closing. `cfetch … | jq` is still watched live, a
/// record at most a few milliseconds late, and a busy run pays one wake-up per linger
/// instead of one per loop turn. With two loops, W1 (10,000 records in 0.3 s) had woken
/// the writer about 1,200 times; lingering, the run's context switches fell from 3,100 to
/// 1,250, and its CPU by 8% (blocking: 18%). While a write is under way
/// records pile up, and the next write takes them all at once. No emitting thread (the
/// engine's loop, a blocking worker) ever waits for stdout.
///
/// A slow reader is met with back-pressure on the input, not by blocking workers: the
/// output is a `PushGate` of the work queue, and while more than `limit` bytes wait to be
/// written (pending, or being written) the input reader waits. The workers finish what
/// they hold and take nothing new, so what can still arrive past the limit is one record
/// per job already taken: the queue's capacity, the frontier's and `-j`.
///
/// The first write stdout refuses ends the output: the records wholly written before it
/// are counted, nothing is written after it, and `onEnded` (which stops the run) is called
/// once, on the writer thread.
///
/// With `onWritten` (queue mode), the records appended with `append(keeping:)` are handed
/// to it once they are wholly written, in order, on the writer thread: a record is settled
/// in the stream only after it reached stdout, and one stdout refused never is. With
/// `jsonLines`, each comes with its line as written, for the settler to keep as it is.
final class RecordOutput: PushGate, @unchecked Sendable {  // guarded: every var by `condition`
    /// 1 MiB, about 1,700 JSONL records. A reader that keeps up never meets it: what piles
    /// up during one write is a few hundred records at most (a burst of the loop's
    /// completions). Past it, the reader is slower than the fetching, and a bigger buffer
    /// would only cost memory before the input has to wait anyway.
    static let defaultLimit = 1 << 20
    /// How long a writer woken from idle waits for more before it writes, in seconds.
    static let defaultLinger = 0.002
    /// Pending bytes that end the linger at once: 64 KiB, a pipe's buffer.
    static let eagerBytes = 1 << 16

    let limit: Int
    private let linger: Double
    /// Pending bytes past which a lingering writer writes at once (`eagerBytes`, or
    /// `limit` when that is smaller).
    private let eager: Int
    private let fd: Int32
    /// The progress bar's, when stdout is the terminal it is drawn on: it makes way for
    /// each batch.
    private let barTerminal: RunProgress?
    private let onEnded: @Sendable () -> Void
    private let onWritten: (@Sendable ([WrittenRecord]) -> Void)?
    /// The kept records' pieces are JSON objects with every field, handed on with them.
    private let jsonLines: Bool
    private let condition = Condition()
    // Guarded by `condition`.
    /// What was formatted since the writer last took the batch.
    private var pending = RecordBatch()
    /// Bytes the writer has taken and is writing.
    private var writing = 0
    private var writerStarted = false
    private var writerWaiting = false
    /// The writer was woken from idle and waits for more (`linger`) before it writes.
    private var writerLingering = false
    private var writerExited = false
    private var closing = false
    /// Records wholly written.
    private var written = 0
    /// The errno of the write stdout refused, once one has.
    private var failure: Int32?
    private var cancelled = false
    private var producerWaiting = false
    /// Batches handed to write(2), and the largest backlog seen (tests and diagnostics).
    private var batches = 0
    private var peak = 0

    /// - Parameters:
    ///   - fd: stdout, or where records go instead; written by the writer thread only.
    ///   - limit: the bytes waiting to be written past which the input waits.
    ///   - linger: how long a writer woken from idle waits for more before it writes, in
    ///     seconds (0 to a day); 0 writes at once.
    ///   - barTerminal: the progress, when its bar is drawn on the terminal `fd` is.
    ///   - onEnded: called once, when `fd` first refuses a write.
    ///   - onWritten: given the kept records of each batch once they are wholly written.
    ///   - jsonLines: whether the kept records' pieces are their JSON objects with every
    ///     field (a newline after each): then `onWritten` gets each one's bytes with it.
    init(
        fd: Int32, limit: Int = RecordOutput.defaultLimit, linger: Double = RecordOutput.defaultLinger,
        barTerminal: RunProgress? = nil, onEnded: @escaping @Sendable () -> Void,
        onWritten: (@Sendable ([WrittenRecord]) -> Void)? = nil, jsonLines: Bool = false
    ) {
        self.fd = fd
        self.limit = max(1, limit)
        self.linger = min(max(linger, 0), 86_400)
        eager = min(RecordOutput.eagerBytes, self.limit)
        self.barTerminal = barTerminal
        self.onEnded = onEnded
        self.onWritten = onWritten
        self.jsonLines = jsonLines
    }

    /// Whether records should be appended with `append(keeping:)`.
    var reportsWritten: Bool { onWritten != nil }

    /// Adds one piece, which `fill` appends to the pending batch — under the output's lock,
    /// so pieces never interleave — and wakes the writer if it is idle (inside an
    /// `OutputBurst`, when the burst ends). Never waits for stdout. Nothing appended after
    /// `close()` is written.
    func append(record isRecord: Bool, _ fill: (inout [UInt8]) -> Void) {
        append { $0.append(record: isRecord, fill) }
    }

    /// Adds a record's piece, as `append(record: true, _:)` does, and keeps the record for
    /// `onWritten`.
    func append(keeping record: FetchRecord, _ fill: (inout [UInt8]) -> Void) {
        append { $0.append(keeping: record, fill) }
    }

    private func append(_ add: (inout RecordBatch) -> Void) {
        let burst = OutputBurst.owed
        condition.lock()
        defer { condition.unlock() }
        add(&pending)
        peak = max(peak, pending.byteCount + writing)
        if writerLingering {
            // The writer is up and will write soon: woken early only by enough to write.
            if pending.byteCount >= eager { condition.broadcast() }
        } else if let burst, writerStarted, writerWaiting {
            burst.add(self)
        } else {
            wakeWriterLocked()
        }
    }

    /// Wakes the writer if it is idle and something is pending (the end of an `OutputBurst`).
    func wakeWriter() {
        condition.lock()
        if !pending.isEmpty { wakeWriterLocked() }
        condition.unlock()
    }

    private func wakeWriterLocked() {
        if !writerStarted {
            writerStarted = true
            startThread(name: "cfetch-output") { [self] in writeBatches() }
        } else if writerWaiting {
            writerWaiting = false
            condition.broadcast()
        }
    }

    /// Writes what is pending and stops the writer thread: returns once the last byte is
    /// out, or refused.
    func close() {
        condition.lock()
        closing = true
        if writerStarted {
            condition.broadcast()
            while !writerExited { condition.wait() }
        }
        condition.unlock()
    }

    /// Records wholly written so far, and the errno of the write stdout refused, if one did.
    var outcome: (written: Int, failure: Int32?) {
        condition.withLock { (written, failure) }
    }

    /// The writer thread: takes the pending batch whole, writes it outside the lock, counts
    /// what was written; until `close()` finds nothing left. After a refused write, batches
    /// are dropped unwritten.
    private func writeBatches() {
        let writer = OutputWriter(fd: fd)
        var batch = RecordBatch()
        condition.lock()
        // Started by the first piece, as if woken from idle by it.
        var wokenFromIdle = true
        while true {
            while pending.isEmpty && !closing {
                writerWaiting = true
                wokenFromIdle = true
                condition.wait()
            }
            writerWaiting = false
            guard !pending.isEmpty else { break }
            if wokenFromIdle { lingerLocked() }
            wokenFromIdle = false
            swap(&batch, &pending)
            writing = batch.byteCount
            let live = failure == nil
            condition.unlock()
            let whole = live ? write(batch, with: writer) : 0
            if let onWritten, whole > 0, !batch.kept.isEmpty {
                // The kept records are the batch's records (every record is kept when
                // `onWritten` is set), so the first `whole` of them are out.
                onWritten(batch.written(whole, asJSONLines: jsonLines))
            }
            condition.lock()
            if live { batches += 1 }
            written += whole
            let endedNow = live && writer.failure != nil
            if endedNow { failure = writer.failure }
            writing = 0
            batch.removeAll()
            // A producer held back in `admit`, or `close()`, may be waiting for this.
            condition.broadcast()
            if endedNow {
                condition.unlock()
                onEnded()
                condition.lock()
            }
        }
        writerExited = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits up to `linger` for more pieces before a write, unless enough is pending
    /// already, the output is closing, or stdout has refused a write (nothing more is
    /// written then: no need to wait for it).
    private func lingerLocked() {
        guard linger > 0 else { return }
        let deadline = MonotonicClock.now() &+ UInt64(linger * 1e9)
        writerLingering = true
        while pending.byteCount < eager && !closing && failure == nil {
            if !condition.wait(untilMonotonic: deadline) { break }
        }
        writerLingering = false
    }

    /// Writes one batch, the bar out of its way when it shares the terminal; returns the
    /// records wholly written.
    private func write(_ batch: RecordBatch, with writer: OutputWriter) -> Int {
        guard let barTerminal else { return writer.write(batch) }
        var whole = 0
        _ = barTerminal.makingWay {
            whole = writer.write(batch)
            return writer.failure == nil
        }
        return whole
    }

    // MARK: The work queue's gate

    /// Holds the input reader back while more than `limit` bytes wait to be written.
    func admit(_ job: FetchJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while pending.byteCount + writing > limit && !cancelled {
            producerWaiting = true
            condition.wait()
        }
        producerWaiting = false
        return !cancelled
    }

    /// Nothing to undo: the gate keeps no count of jobs.
    func withdraw(_ job: FetchJob) {}

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Tests and diagnostics

    /// The input reader is held back in `admit`.
    var isProducerWaiting: Bool {
        condition.withLock { producerWaiting }
    }

    /// Bytes waiting to be written: pending, or taken by the writer and not yet out.
    var backlog: Int {
        condition.withLock { pending.byteCount + writing }
    }

    /// The largest `backlog` seen.
    var peakBacklog: Int {
        condition.withLock { peak }
    }

    /// Batches handed to write(2) (one call each, unless the descriptor takes part of one).
    var batchesWritten: Int {
        condition.withLock { batches }
    }

    /// The writer is idle, waiting for a record.
    var isWriterWaiting: Bool {
        condition.withLock { writerWaiting }
    }

    /// The writer was woken from idle and waits for more before it writes.
    var isWriterLingering: Bool {
        condition.withLock { writerLingering }
    }

    /// The writer has taken a batch and is writing it.
    var isWriting: Bool {
        condition.withLock { writing > 0 }
    }
}
