/// Where a queue stands: its counters, what its streams hold, and its workers, read in
/// one `MULTI`/`EXEC`, so that the numbers are of one instant and add up (`waiting` +
/// `pending` is what is still to be settled; `done` is what the results hold, unless
/// someone trimmed them).
///
/// A queue that was never created (no work stream, or no group on it) is not an error: its
/// status is zeros, with `exists` false, so that `cfetch status` can say so.
public struct QueueStatus: Sendable, Equatable {
    /// Whether the work stream and its consumer group exist.
    public var exists: Bool
    /// Indexes handed out: every line enqueued, added or skipped.
    public var lines: Int
    /// Lines added to the work stream.
    public var added: Int
    /// Lines skipped as duplicates.
    public var duplicates: Int
    /// Lines settled for good, with a record in the results (dead ones included).
    public var done: Int
    /// Transient failures put back on the work stream (a line retried twice counts 2).
    public var retried: Int
    /// Lines given up on.
    public var dead: Int
    /// Entries no worker has yet (never delivered, or re-added after a failure): the
    /// group's `lag`. Where Redis cannot tell it (an entry was deleted by hand after the
    /// last delivered one), `added - done - pending`, never below 0; without a group,
    /// every entry of the work stream.
    public var waiting: Int
    /// Entries delivered to a worker and not yet settled.
    public var pending: Int
    /// Records written to the results stream (each settle call writes its records as one
    /// entry, so this is not the stream's length).
    public var results: Int
    /// Entries in the dead-letter stream.
    public var deadEntries: Int
    /// The group's workers, as Redis lists them (by name).
    public var consumers: [ConsumerStatus]

    /// A status as `read` builds it (public for tests and for callers that render
    /// statuses).
    public init(
        exists: Bool, lines: Int, added: Int, duplicates: Int, done: Int, retried: Int, dead: Int, waiting: Int,
        pending: Int, results: Int, deadEntries: Int, consumers: [ConsumerStatus]
    ) {
        self.exists = exists
        self.lines = lines
        self.added = added
        self.duplicates = duplicates
        self.done = done
        self.retried = retried
        self.dead = dead
        self.waiting = waiting
        self.pending = pending
        self.results = results
        self.deadEntries = deadEntries
        self.consumers = consumers
    }

    /// The counters' names in `K:counts`, in the order `read` asks for them.
    private static let counterNames = ["lines", "added", "duplicates", "done", "retried", "dead", "results"]

    /// Reads the status of the queue `keys` in one transaction. Throws when a key holds
    /// something else than the queue's (`WRONGTYPE`) or the connection fails.
    public static func read(connection: RedisConnection, keys: QueueKeys) throws(RedisError) -> QueueStatus {
        let commands: [[String]] = [
            ["MULTI"],
            ["HMGET", keys.counts] + counterNames,
            ["XLEN", keys.stream],
            ["XINFO", "GROUPS", keys.stream],
            ["XLEN", keys.dead],
            ["XPENDING", keys.stream, QueueKeys.group],
            ["XINFO", "CONSUMERS", keys.stream, QueueKeys.group],
            ["EXEC"],
        ]
        let replies = try connection.pipeline(commands)
        guard let last = replies.last, let answers = last.array, answers.count == commands.count - 2 else {
            let message = replies.lazy.compactMap(\.errorMessage).first ?? "unexpected reply \(replies.last ?? .null)"
            throw RedisError(.serverError, context: "reading the status of queue \(keys.name)", message: message)
        }
        let (counts, inStream, groups, dead, pendingSummary, consumers) =
            (answers[0], answers[1], answers[2], answers[3], answers[4], answers[5])
        // No key, or no group on it: NOGROUP from XPENDING, and XINFO refuses too.
        let exists = pendingSummary.errorMessage.map { !$0.hasPrefix("NOGROUP") } ?? true
        for answer in [counts, inStream, dead] + (exists ? [groups, pendingSummary, consumers] : []) {
            if let message = answer.errorMessage {
                throw RedisError(.serverError, context: "reading the status of queue \(keys.name)", message: message)
            }
        }
        let counters = (counts.array ?? []).map { $0.string.flatMap { Int($0) } ?? 0 }
        func counter(_ position: Int) -> Int { position < counters.count ? counters[position] : 0 }
        let pending = exists ? Int(pendingSummary.array?.first?.integer ?? 0) : 0
        let waiting: Int
        if !exists {
            waiting = Int(inStream.integer ?? 0)
        } else if let lag = ConsumerGroupInfo.named(QueueKeys.group, in: groups)?.lag {
            waiting = lag
        } else {
            waiting = max(counter(1) - counter(3) - pending, 0)
        }
        return QueueStatus(
            exists: exists, lines: counter(0), added: counter(1), duplicates: counter(2), done: counter(3),
            retried: counter(4), dead: counter(5), waiting: waiting, pending: pending,
            results: counter(6), deadEntries: Int(dead.integer ?? 0),
            consumers: exists ? (consumers.array ?? []).compactMap(consumer(from:)) : [])
    }

    /// One consumer of `XINFO CONSUMERS`: a flat `[name, n, pending, n, idle, ms, …]`
    /// (Redis 7.2 adds `inactive`; unknown fields are skipped).
    private static func consumer(from reply: RedisReply) -> ConsumerStatus? {
        guard let flat = reply.array else { return nil }
        var name: String?
        var pending = 0
        var idle = Duration.zero
        var position = 0
        while position + 1 < flat.count {
            let value = flat[position + 1]
            switch flat[position].string {
            case "name": name = value.string
            case "pending": pending = Int(value.integer ?? 0)
            case "idle": idle = .milliseconds(value.integer ?? 0)
            default: break
            }
            position += 2
        }
        return name.map { ConsumerStatus(name: $0, pending: pending, idle: idle) }
    }
}
