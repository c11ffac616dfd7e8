import FetchKit

/// Settles written records in the stream, on a thread of its own with its own connection:
/// each record that reached stdout is turned into its entry's outcome (`Settlement`) and
/// sent in batches (what a few milliseconds of writing gave it: `settleGather`), one atomic
/// script call per batch, so a worker that dies between a write and its settlement leaves
/// the entry pending (fetched again by another worker: at-least-once), never lost.
///
/// - An ok record, or one that failed for good (a 404, a bad line): `done`, to the results
///   stream (as stdout's line when stdout has it as JSON), and acknowledged.
/// - A transient failure (what `--retry` retries, after the run's own retries): `retry`,
///   re-added at the end of the stream with its failure counted, so another delivery (on
///   any worker) tries again.
/// - A `poisoned` record (the reader found the entry delivered too often): `dead`, to the
///   dead-letter stream with its last error, and to the results stream. So is the record of
///   a malformed entry (one cfetch did not write), after the reader's `invalid-url` record.
/// - A `cancelled` record (the run was stopped before the URL was fetched): nothing; the
///   entry stays pending for another worker.
final class RecordSettler: @unchecked Sendable {  // guarded: every var by `condition`
    /// Records settled by one script call at most.
    static let batchLimit = 500

    private let settings: QueueWorkerSettings
    private let claimed: ClaimedEntries
    private let warn: @Sendable (String) -> Void
    private let fail: @Sendable (String) -> Void
    private let condition = Condition()
    private let formatter = JSONLinesFormatter()
    // Guarded by `condition`.
    private var waiting: [WrittenRecord] = []
    private var started = false
    private var exited = false
    /// `finish` was called: settle what is left, then stop.
    private var closing = false
    /// Past the deadline `finish` gave: the server is away, and nothing more is tried.
    private var abandoned = false
    private var settled = 0
    /// Records that were not settled (the server stayed away, or refused the batch).
    private var unsettled = 0

    init(
        settings: QueueWorkerSettings, claimed: ClaimedEntries, warn: @escaping @Sendable (String) -> Void,
        fail: @escaping @Sendable (String) -> Void
    ) {
        self.settings = settings
        self.claimed = claimed
        self.warn = warn
        self.fail = fail
    }

    /// Takes records stdout has taken (on the output's thread): never waits for Redis.
    func add(_ records: [WrittenRecord]) {
        condition.withLock {
            waiting += records
            if !started {
                started = true
                startThread(name: "cfetch-settle") { [self] in settleBatches() }
            }
            condition.broadcast()
        }
    }

    /// Settles what is left, giving a server that is away until `deadline` (monotonic ns)
    /// to come back; returns the records settled and those that could not be.
    func finish(deadline: UInt64) -> (settled: Int, unsettled: Int) {
        condition.lock()
        defer { condition.unlock() }
        closing = true
        condition.broadcast()
        while started && !exited {
            if !condition.wait(untilMonotonic: deadline) {
                abandoned = true
                // The thread notices within its back-off step (100 ms), or its command timeout.
                while !exited { condition.wait() }
            }
        }
        return (settled, unsettled + waiting.count)
    }

    private var isAbandoned: Bool { condition.withLock { abandoned } }

    private func settleBatches() {
        let redis: ReconnectingRedis
        do {
            redis = try ReconnectingRedis(url: settings.url, commandTimeout: .seconds(10), warn: warn)
        } catch {
            fail("cannot settle records in Redis: \(error)")
            condition.withLock {
                unsettled += waiting.count
                waiting.removeAll()
                exited = true
                condition.broadcast()
            }
            return
        }
        defer { redis.close() }
        let settler = StreamSettler(connection: redis.connection, keys: settings.keys)
        while true {
            condition.lock()
            while waiting.isEmpty && !closing { condition.wait() }
            if !waiting.isEmpty { gatherLocked() }
            if waiting.isEmpty || abandoned {
                unsettled += waiting.count
                waiting.removeAll()
                exited = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = Array(waiting.prefix(Self.batchLimit))
            waiting.removeFirst(batch.count)
            condition.unlock()
            let (settlements, ids) = settlements(for: batch)
            var done = false
            if !settlements.isEmpty {
                do {
                    let outcome = try redis.run(
                        until: { self.isAbandoned },
                        { _ throws(RedisError) in try settler.settle(settlements) })
                    done = outcome != nil
                } catch {
                    fail("cannot settle records in Redis: \(error)")
                }
            } else {
                done = true
            }
            if done { claimed.remove(ids: ids) }
            condition.withLock {
                if done { settled += settlements.count } else { unsettled += settlements.count }
            }
        }
    }

    /// Once records are waiting: waits up to `settleGather` for more, until
    /// `settleGatherRecords` are, so that one script call settles many (see
    /// `QueueWorkerSettings.settleGather`). Not when finishing: what is left goes at once.
    private func gatherLocked() {
        let deadline = MonotonicClock.now() &+ settings.settleGather.clampedNanoseconds
        while waiting.count < settings.settleGatherRecords && !closing && !abandoned {
            if !condition.wait(untilMonotonic: deadline) { break }
        }
    }

    /// Each record's settlement (none for a cancelled one, or one this worker did not claim),
    /// and the entry ids they settle. A record's text in the results is its line on stdout
    /// when stdout has it as JSON (the same text), formatted here otherwise.
    private func settlements(for records: [WrittenRecord]) -> ([Settlement], [String]) {
        var settlements: [Settlement] = []
        var ids: [String] = []
        for written in records {
            let record = written.record
            guard record.error != .cancelled, let id = record.queueID, let entry = claimed.entry(id: id) else {
                continue
            }
            ids.append(id)
            if let reason = entry.malformedReason {
                // Not an entry cfetch wrote: kept whole in the dead letters, for a person to look at.
                settlements.append(
                    .dead(
                        entry: entry, error: "malformed entry: \(reason)", record: formatter.object(record),
                        consumer: settings.consumer, deliveries: entry.deliveries + entry.failures))
            } else if record.error == .poisoned {
                settlements.append(
                    .dead(
                        entry: entry, error: entry.lastError ?? record.message ?? "poisoned",
                        record: formatter.object(record), consumer: settings.consumer,
                        deliveries: entry.deliveries + entry.failures))
            } else if record.isTransientFailure {
                let error = [record.error?.rawValue, record.message].compactMap { $0 }.joined(separator: ": ")
                settlements.append(.retry(entry: entry, error: error))
            } else {
                let text = written.jsonLine.map { String(decoding: $0, as: UTF8.self) } ?? formatter.object(record)
                settlements.append(.done(entry: entry, record: text, consumer: settings.consumer))
            }
        }
        return (settlements, ids)
    }
}
