import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// One `cfetch fetch --queue` process: the run's `JobProducer`, feeding it from the stream,
/// and the settler of its records there.
///
/// The reader thread claims new entries (`XREADGROUP`, at most what the run's queue has
/// room for), and every `claimEvery` the entries other consumers left idle longer than
/// `--claim-idle` (`XAUTOCLAIM`: a killed worker's URLs). An entry delivered more than
/// `--max-deliveries` times becomes a `poisoned` record instead of a fetch. Without
/// `--follow` the reader closes the run's queue once the queue is drained
/// (`StreamConsumer.isDrained`): every entry settled, none waiting or pending anywhere.
///
/// Records reach the settler from stdout's writer (`recordsWritten`), after they are
/// written. `finish(within:)` settles the last of them once the run is over.
public final class QueueWorker: JobProducer {
    public let settings: QueueWorkerSettings
    /// How long an `XREADGROUP` waits while this worker has entries in flight.
    static let inFlightBlock = Duration.milliseconds(10)
    private let claimed = ClaimedEntries()
    private let settler: RecordSettler
    private let readerDone = Condition()
    private let state = Locked(State())

    private struct State {
        var readerStarted = false
        var readerExited = false
        /// Why the worker cannot go on (an error reply, a lost first connection), once known.
        var failure: String?
        /// Called at the first failure: stops the run.
        var onFailure: (@Sendable () -> Void)?
        /// Where warnings go: the run's progress, once it has one.
        var progress: RunProgress?
        /// Entries the reader found delivered too often.
        var poisoned = 0
    }

    /// Checks the server before the run: connects (with `AUTH` and `SELECT` as the URL
    /// says) and makes sure the consumer group exists. A server that is not there, a
    /// refused login or a key of another type is thrown here, before anything is fetched.
    public init(settings: QueueWorkerSettings) throws(RedisError) {
        self.settings = settings
        let connection = try RedisConnection(url: settings.url)
        defer { connection.close() }
        try StreamConsumer(connection: connection, keys: settings.keys, consumer: settings.consumer).ensureGroup()
        let claimed = claimed
        let state = state
        settler = RecordSettler(
            settings: settings, claimed: claimed,
            warn: { message in Self.warn(message, state: state) },
            fail: { message in Self.fail(message, state: state) })
    }

    /// Where warnings go (a lost connection and its return), and what stops the run when
    /// the worker cannot go on. Set before the run starts.
    public func attach(progress: RunProgress, stopRun: @escaping @Sendable () -> Void) {
        state.withLock { state in
            state.progress = progress
            state.onFailure = stopRun
        }
    }

    /// Why the worker stopped the run, if it did: for the exit status and stderr.
    public var failure: String? { state.withLock { $0.failure } }

    /// stdout's writer hands over the records it wrote (`Reporter`'s `onWritten`).
    public func recordsWritten(_ records: [WrittenRecord]) {
        settler.add(records)
    }

    // MARK: JobProducer

    public func start(feeding feed: JobFeed) {
        state.withLock { $0.readerStarted = true }
        startThread(name: "cfetch-claim") { [self] in
            read(into: feed)
            feed.close()
            readerDone.withLock {
                state.withLock { $0.readerExited = true }
                readerDone.broadcast()
            }
        }
    }

    public func waitUntilFinished() {
        readerDone.lock()
        while state.withLock({ $0.readerStarted && !$0.readerExited }) { readerDone.wait() }
        readerDone.unlock()
    }

    public func summaryNotes(stopped: Bool) -> [String] {
        let (poisoned, failure) = state.withLock { ($0.poisoned, $0.failure) }
        var notes: [String] = []
        if poisoned > 0 { notes.append("\(poisoned) poisoned (delivered more than --max-deliveries times)") }
        let left = claimed.count
        if left > 0 && (stopped || failure != nil) {
            notes.append("\(left) claimed \(left == 1 ? "entry" : "entries") left pending for the other workers")
        }
        return notes
    }

    /// Once the run is over: settles the records still waiting, giving a server that is
    /// away `within` to come back. Returns how many written records could not be settled
    /// (their entries stay pending and will be fetched again).
    public func finish(within: Duration) -> Int {
        settler.finish(deadline: MonotonicClock.now() &+ within.clampedNanoseconds).unsettled
    }

    // MARK: The reader

    private func read(into feed: JobFeed) {
        let stopping = { feed.isStopped || self.failure != nil }
        let redis: ReconnectingRedis
        do {
            redis = try ReconnectingRedis(
                url: settings.url, commandTimeout: settings.readBlock + .seconds(5),
                warn: { [state] in Self.warn($0, state: state) })
        } catch {
            Self.fail("cannot read the queue: \(error)", state: state)
            return
        }
        defer { redis.close() }
        let consumer = StreamConsumer(connection: redis.connection, keys: settings.keys, consumer: settings.consumer)
        let claimEvery = settings.claimEvery
        var lastClaim = ContinuousClock.now
        var cursor = "0-0"
        // The connections whose own pending entries were taken back: none yet.
        var caughtUp = -1
        do {
            while !stopping() {
                if redis.reconnections != caughtUp {
                    // At the start, and after each outage: a read whose reply was lost left
                    // entries pending under this worker that it does not know of.
                    caughtUp = redis.reconnections
                    var start: String? = "0-0"
                    while let from = start {
                        guard
                            let page = try redis.run(
                                until: stopping,
                                { _ throws(RedisError) in
                                    try consumer.ownPending(after: from, count: settings.readBatch)
                                })
                        else { return }
                        guard push(page.entries, into: feed) else { return }
                        start = page.next
                    }
                }
                if ContinuousClock.now - lastClaim >= claimEvery {
                    lastClaim = ContinuousClock.now
                    let idle = settings.claimIdle
                    guard
                        let recovered = try redis.run(
                            until: stopping,
                            { _ throws(RedisError) in
                                try consumer.claimIdle(minIdle: idle, count: settings.readBatch, cursor: &cursor)
                            })
                    else { return }
                    guard push(recovered, into: feed) else { return }
                }
                // A full queue: wait for the workers to take half of it, then claim a batch.
                // Reading whatever room there was made every other XREADGROUP a read of one
                // entry (the queue refills to full, a worker takes a job, one entry is read).
                var room = feed.room
                if room == 0 { room = feed.waitForRoom() }
                guard !stopping() else { return }
                room = max(1, min(settings.readBatch, room))
                // While this worker has entries in flight, the stream empties when they are
                // settled, which no XREADGROUP would wake for: look again soon.
                let wait = claimed.count > 0 ? Self.inFlightBlock : settings.readBlock
                let block = min(wait, max(.milliseconds(1), claimEvery - (ContinuousClock.now - lastClaim)))
                guard
                    let entries = try redis.run(
                        until: stopping, { _ throws(RedisError) in try consumer.readNew(count: room, block: block) })
                else { return }
                if !entries.isEmpty {
                    guard push(entries, into: feed) else { return }
                    continue
                }
                if !settings.follow {
                    guard
                        let drained = try redis.run(
                            until: stopping, { _ throws(RedisError) in try consumer.isDrained() })
                    else { return }
                    // Every entry settled, by this worker or another: nothing waits, nothing is
                    // pending anywhere.
                    if drained { return }
                }
            }
        } catch {
            Self.fail("cannot read the queue: \(error)", state: state)
        }
    }

    /// Pushes claimed entries into the run; false once it has stopped (the rest stay
    /// claimed, pending, for another worker after `--claim-idle`).
    private func push(_ entries: [QueueEntry], into feed: JobFeed) -> Bool {
        for entry in entries {
            // XAUTOCLAIM also takes this worker's own entries, when one has waited or run
            // longer than --claim-idle: it is here already (and its idle time starts again).
            guard claimed.entry(id: entry.id) == nil else { continue }
            claimed.add(entry)
            let claim = QueueClaim(id: entry.id, consumer: settings.consumer)
            let format: InputFormat = entry.format == .jsonl ? .jsonl : .lines
            let deliveries = entry.deliveries + entry.failures
            let pushed: Bool
            if let reason = entry.malformedReason {
                // Not a line cfetch enqueued: its record says so, and settles it.
                let problem = URLProblem(errorClass: .invalidURL, message: "the stream entry is malformed: \(reason)")
                pushed = feed.push(refused: problem, line: entry.line, index: entry.index, format: .lines, claim: claim)
            } else if deliveries > settings.maxDeliveries {
                let last =
                    entry.lastError.map { "its last error: \($0)" }
                    ?? "no worker recorded a result (they stopped or crashed while fetching it)"
                let problem = URLProblem(
                    errorClass: .poisoned,
                    message:
                        "delivered \(deliveries) times, more than --max-deliveries \(settings.maxDeliveries); \(last)")
                pushed = feed.push(refused: problem, line: entry.line, index: entry.index, format: format, claim: claim)
                if pushed { state.withLock { $0.poisoned += 1 } }
            } else {
                pushed = feed.push(line: entry.line, index: entry.index, format: format, claim: claim)
            }
            guard pushed else { return false }
        }
        return true
    }

    // MARK: Warnings and failures

    private static func warn(_ message: String, state: Locked<State>) {
        if let progress = state.withLock({ $0.progress }) {
            progress.warn(message)
        } else {
            var line = "cfetch: warning: \(message)\n"
            line.withUTF8 { _ = writeFully(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
        }
    }

    private static func fail(_ message: String, state: Locked<State>) {
        let stop = state.withLock { state -> (@Sendable () -> Void)? in
            guard state.failure == nil else { return nil }
            state.failure = message
            return state.onFailure
        }
        stop?()
    }
}
