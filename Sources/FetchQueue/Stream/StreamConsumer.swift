/// One worker's reading side of the queue: new entries from the consumer group
/// (`XREADGROUP`), entries that other workers took and went quiet on (`XAUTOCLAIM`), and
/// how many are pending. Every entry it hands out stays pending under `consumer` until a
/// `StreamSettler` settles it; a worker that dies leaves its entries pending, and another
/// worker's `claimIdle` takes them over once they have been idle long enough.
///
/// A group found missing (`NOGROUP`: the key was deleted, or Redis restarted without
/// persistence) is created again, from the stream's start, rather than stopping the worker.
///
/// Not `Sendable`: it owns its connection, which belongs to one thread at a time. After a
/// connection-level failure, `connection.reconnect()` and call again: a read whose reply
/// was lost leaves its entries pending under this consumer, to be claimed back with
/// `claimIdle`.
public final class StreamConsumer {
    /// The connection the commands go through: the caller reconnects it after a failure.
    public let connection: RedisConnection
    /// The queue read from: its work stream (`keys.stream`) with the group `cfetch`.
    public let keys: QueueKeys
    /// This worker's name in the group: what XPENDING and XINFO show entries pending under.
    public let consumer: String

    private var drainedScript = RedisScript(name: "the drain check", source: drainCheckScript)

    /// A reader of `keys`'s work stream as `consumer`, over `connection`. The group is not
    /// checked here: a read finds it missing and creates it (`ensureGroup` does it first).
    public init(connection: RedisConnection, keys: QueueKeys, consumer: String) {
        precondition(!consumer.isEmpty, "a consumer's name must not be empty")
        self.connection = connection
        self.keys = keys
        self.consumer = consumer
    }

    /// Creates the group (and an empty stream) when missing; an existing group is kept.
    public func ensureGroup() throws(RedisError) {
        try ConsumerGroup.ensure(on: connection, keys: keys)
    }

    /// Up to `count` entries never delivered to any worker, now pending under this
    /// consumer, each with `deliveries` 1; waits up to `block` for the first one when there
    /// are none (none when `block` is zero), then answers [] if none came.
    ///
    /// `block` must be shorter than the connection's command timeout, or the wait itself
    /// would fail as a timed-out command (and lose the connection).
    public func readNew(count: Int, block: Duration) throws(RedisError) -> [QueueEntry] {
        precondition(count > 0, "read at least one entry")
        precondition(
            block < connection.commandTimeout,
            "XREADGROUP's BLOCK must be shorter than the connection's command timeout")
        var arguments = ["XREADGROUP", "GROUP", QueueKeys.group, consumer, "COUNT", String(count)]
        let milliseconds = block.millisecondsRoundedUp
        if milliseconds > 0 { arguments += ["BLOCK", String(milliseconds)] }
        arguments += ["STREAMS", keys.stream, ">"]
        // `[[stream, [entry, …]]]`, or nil when nothing came.
        let read = { (reply: borrowing RedisReplyView) throws(RedisError) in
            QueueEntry.entries(ofStreamRead: reply, deliveries: 1)
        }
        let bytes = arguments.map { Array($0.utf8) }
        do {
            return try connection.command(bytes, reading: read)
        } catch {
            guard error.serverErrorCode == "NOGROUP" else { throw error }
            try ensureGroup()
            return try connection.command(bytes, reading: read)
        }
    }

    /// Takes over up to `count` entries that have been pending under any consumer (this
    /// one included) for at least `minIdle`: a worker that died, hung, or lost its
    /// connection mid-batch. Each comes back with its real delivery count, this claim
    /// included (2 for an entry read once before), which is what sends a line that keeps
    /// killing workers to the dead-letter stream.
    ///
    /// `cursor` is where the scan of the pending entries goes on: "0-0" to start, then
    /// whatever the last call left in it, which is "0-0" again once the scan went round.
    /// A call may answer [] with the scan not finished (Redis looks at a bounded number of
    /// pending entries per call): look at `cursor`, not at the answer, to know.
    ///
    /// Entries deleted from the stream while pending (settled by a worker that had lost
    /// them, or deleted by hand) are acknowledged and left out: without the
    /// acknowledgement they would stay pending for good. An entry settled by someone else
    /// between the claim and the delivery count's look-up is left out too.
    public func claimIdle(minIdle: Duration, count: Int, cursor: inout String) throws(RedisError) -> [QueueEntry] {
        precondition(count > 0, "claim at least one entry")
        let arguments = [
            "XAUTOCLAIM", keys.stream, QueueKeys.group, consumer, String(minIdle.millisecondsRoundedUp), cursor,
            "COUNT", String(count),
        ]
        let reply: RedisReply
        do {
            reply = try connection.command(arguments)
        } catch {
            guard error.serverErrorCode == "NOGROUP" else { throw error }
            // A group made now has nothing pending: nothing to claim.
            try ensureGroup()
            cursor = "0-0"
            return []
        }
        // Redis 7: `[next cursor, [entry, …], [deleted id, …]]`.
        guard let parts = reply.array, parts.count >= 2, let next = parts[0].string else {
            throw RedisError(.other, context: "XAUTOCLAIM", message: "unexpected reply \(reply)")
        }
        cursor = next
        let claimed = StreamEntryReply.entries(of: parts[1])
        let deleted = parts.count > 2 ? (parts[2].array ?? []).compactMap(\.string) : []
        return try withDeliveries(claimed, acknowledging: deleted, after: "XAUTOCLAIM")
    }

    /// Up to `count` entries pending under this consumer with ids after `start` ("0-0" for
    /// all): what it was delivered and has not settled, whether or not it knows of them.
    /// After a reconnection these include the entries of a read whose reply was lost with
    /// the connection, which would otherwise wait `--claim-idle` for a claim; a worker
    /// started again under the same name finds its earlier entries. Each comes with its
    /// delivery count, which this look does not raise (`XPENDING` for the ids and counts,
    /// then `XRANGE` for each entry; not `XREADGROUP` of the history, which counts a
    /// delivery each time). `next` is where the next page starts, nil once the list is read
    /// to its end.
    ///
    /// Entries deleted from the stream while pending are acknowledged and left out, as in
    /// `claimIdle`.
    public func ownPending(
        after start: String, count: Int
    ) throws(RedisError) -> (
        entries: [QueueEntry], next: String?
    ) {
        precondition(count > 0, "read at least one entry")
        let reply: RedisReply
        do {
            reply = try connection.command([
                "XPENDING", keys.stream, QueueKeys.group, "(" + start, "+", String(count), consumer,
            ])
        } catch {
            // No group: nothing is pending (a read makes the group again).
            guard error.serverErrorCode == "NOGROUP" else { throw error }
            return ([], nil)
        }
        // `[[id, consumer, idle ms, deliveries], …]`.
        var rows: [(id: String, deliveries: Int)] = []
        for row in reply.array ?? [] {
            guard let fields = row.array, fields.count == 4, let id = fields[0].string,
                let deliveries = fields[3].integer
            else { continue }
            rows.append((id, Int(deliveries)))
        }
        let next = rows.count < count ? nil : rows.last?.id
        guard !rows.isEmpty else { return ([], next) }
        let replies = try connection.pipeline(rows.map { ["XRANGE", keys.stream, $0.id, $0.id] })
        if let message = replies.lazy.compactMap(\.errorMessage).first {
            throw RedisError(.serverError, context: "XRANGE after XPENDING", message: message)
        }
        var entries: [QueueEntry] = []
        var deleted: [String] = []
        for (row, found) in zip(rows, replies) {
            if let entry = StreamEntryReply.entries(of: found).first {
                entries.append(QueueEntry(entry, deliveries: row.deliveries))
            } else {
                deleted.append(row.id)
            }
        }
        if !deleted.isEmpty {
            _ = try connection.command(["XACK", keys.stream, QueueKeys.group] + deleted)
        }
        return (entries, next)
    }

    /// `entries` with their delivery counts (one `XPENDING` each, pipelined, with an `XACK`
    /// of `deleted`); an entry no longer pending by then (settled meanwhile) is left out.
    private func withDeliveries(
        _ entries: [StreamEntryReply], acknowledging deleted: [String], after context: String
    ) throws(RedisError) -> [QueueEntry] {
        var commands = entries.map { ["XPENDING", keys.stream, QueueKeys.group, $0.id, $0.id, "1"] }
        if !deleted.isEmpty { commands.append(["XACK", keys.stream, QueueKeys.group] + deleted) }
        guard !commands.isEmpty else { return [] }
        let replies = try connection.pipeline(commands)
        if let message = replies.lazy.compactMap(\.errorMessage).first {
            throw RedisError(.serverError, context: "XPENDING after \(context)", message: message)
        }
        var result: [QueueEntry] = []
        result.reserveCapacity(entries.count)
        for (entry, pending) in zip(entries, replies) {
            // `[[id, consumer, idle ms, deliveries]]`, or [] when no longer pending.
            guard let row = pending.array?.first?.array, row.count == 4, let deliveries = row[3].integer else {
                continue
            }
            result.append(QueueEntry(entry, deliveries: Int(deliveries)))
        }
        return result
    }

    /// Whether the queue is finished with, at one instant: no entry waits to be delivered
    /// (none after the group's last-delivered id) and none is pending under any consumer.
    /// A missing stream is drained; a stream without the group is drained when it is empty
    /// (a group made later would deliver every entry it holds).
    ///
    /// Not `XLEN`: settled entries stay in the stream until the settler trims their node.
    public func isDrained() throws(RedisError) -> Bool {
        let reply = try drainedScript.run(
            RedisScript.Call(keys: [keys.stream], arguments: [Array(QueueKeys.group.utf8)]), on: connection)
        guard let drained = reply.integer else {
            throw RedisError(.other, context: "EVALSHA (\(drainedScript.name))", message: "unexpected reply \(reply)")
        }
        return drained == 1
    }

    /// Entries delivered and not yet settled, under every consumer of the group; 0 when
    /// the group does not exist.
    public func pendingCount() throws(RedisError) -> Int {
        guard let summary = try pendingSummary() else { return 0 }
        return Int(summary.first?.integer ?? 0)
    }

    /// Entries delivered to `consumer` and not yet settled; 0 when it has none, or the
    /// group does not exist.
    public func pendingCount(of consumer: String) throws(RedisError) -> Int {
        // The summary's fourth element: `[[consumer, "count"], …]`, or nil when nothing is pending.
        guard let summary = try pendingSummary(), summary.count == 4, let consumers = summary[3].array else { return 0 }
        for pair in consumers {
            if let pair = pair.array, pair.count == 2, pair[0].string == consumer {
                return pair[1].string.flatMap { Int($0) } ?? 0
            }
        }
        return 0
    }

    /// `XPENDING K cfetch`'s `[count, smallest id, greatest id, [[consumer, "count"], …]]`;
    /// nil when the group or the key does not exist.
    private func pendingSummary() throws(RedisError) -> [RedisReply]? {
        do {
            return try connection.command(["XPENDING", keys.stream, QueueKeys.group]).array
        } catch {
            guard error.serverErrorCode == "NOGROUP" else { throw error }
            return nil
        }
    }
}

/// KEYS: the work stream. ARGV: the group. Answers 1 when nothing waits and nothing is
/// pending, else 0. A key of another type is an error (`XLEN` raises `WRONGTYPE`).
private let drainCheckScript =
    streamScriptFunctions + """
        local stream, group = KEYS[1], ARGV[1]
        if redis.call('EXISTS', stream) == 0 then return 1 end
        local info = group_info(stream, group)
        if info then
          if info['pending'] > 0 then return 0 end
          if #redis.call('XRANGE', stream, '(' .. info['last-delivered-id'], '+', 'COUNT', 1) > 0 then return 0 end
          return 1
        end
        -- No group (or a key of another type: XLEN raises WRONGTYPE).
        if redis.call('XLEN', stream) == 0 then return 1 end
        return 0
        """
