import DequeModule

/// `--keep-order`: records go out in the order the input reader queued their jobs,
/// whatever order they finish in.
///
/// The order is the order of `admit` (the work queue's push gate), not index arithmetic:
/// indexes may have gaps. A record that finishes early waits here until every job queued
/// before it has its record. The wait is bounded: at most `capacity` jobs are owed a
/// record that has not been written, and the reader blocks in `admit` until the oldest
/// is, so the workers run out of jobs rather than the buffer growing.
///
/// Never blocks a worker: a record is stored, and whichever thread finds the oldest ones
/// ready writes them, outside the lock (a write that fails stops the run, which cancels
/// this gate: it takes the lock). One thread writes at a time, so order holds.
final class ReorderBuffer: PushGate, @unchecked Sendable {  // guarded: every var by `condition`
    let capacity: Int
    private let deliver: @Sendable (FetchRecord) -> Void
    private let condition = Condition()
    // Guarded by `condition`.
    /// The indexes of the jobs admitted whose records are not yet handed on, in queue order.
    private var order = Deque<Int>()
    /// Records that arrived before an older one, by index.
    private var waiting: [Int: FetchRecord] = [:]
    /// Jobs admitted whose records are not yet written: what `capacity` bounds.
    private var owed = 0
    /// A thread is writing records now; others leave theirs to it.
    private var delivering = false
    private var cancelled = false
    private var producerWaiting = false

    /// The bound `--keep-order` uses for `workers`: about what the work queue (2 × -j, at
    /// least 1024), the frontier (4 × -j) and the workers hold together, so that in a run
    /// without a straggler the reader is held back by the queue, as without the option.
    static func capacity(workers: Int) -> Int { max(1024, 8 * workers) }

    /// - Parameter deliver: writes one record (the reporter's `emit`); called in order, by
    ///   one thread at a time, never under the buffer's lock.
    init(capacity: Int, deliver: @escaping @Sendable (FetchRecord) -> Void) {
        self.capacity = max(1, capacity)
        self.deliver = deliver
    }

    func admit(_ job: FetchJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while owed >= capacity && !cancelled {
            producerWaiting = true
            condition.wait()
        }
        producerWaiting = false
        guard !cancelled else { return false }
        order.append(job.index)
        owed += 1
        return true
    }

    func withdraw(_ job: FetchJob) {
        condition.lock()
        // The one producer admits, then pushes: the job refused is the last admitted.
        if order.last == job.index {
            order.removeLast()
            owed -= 1
        }
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Takes a finished job's record: writes it now if every job queued before it has
    /// been written, else keeps it until then.
    func arrived(_ record: FetchRecord) {
        condition.lock()
        waiting[record.index] = record
        guard !delivering else {
            condition.unlock()
            return
        }
        delivering = true
        while true {
            var ready: [FetchRecord] = []
            while let oldest = order.first, let record = waiting.removeValue(forKey: oldest) {
                order.removeFirst()
                ready.append(record)
            }
            guard !ready.isEmpty else { break }
            condition.unlock()
            for record in ready { deliver(record) }
            condition.lock()
            owed -= ready.count
            condition.broadcast()
        }
        delivering = false
        condition.unlock()
    }

    /// At the end of the run: writes whatever is left, in order. Every job admitted has its
    /// record by then, so this writes nothing unless a record came for a job never admitted.
    func flush() {
        condition.lock()
        var rest: [FetchRecord] = order.compactMap { waiting.removeValue(forKey: $0) }
        rest += waiting.values.sorted { $0.index < $1.index }
        order.removeAll()
        waiting.removeAll()
        owed = 0
        condition.unlock()
        for record in rest { deliver(record) }
    }

    /// The producer is held back in `admit` (tests and diagnostics).
    var isProducerWaiting: Bool {
        condition.withLock { producerWaiting }
    }

    /// Jobs owed a record not yet written (tests).
    var owedCount: Int {
        condition.withLock { owed }
    }
}
