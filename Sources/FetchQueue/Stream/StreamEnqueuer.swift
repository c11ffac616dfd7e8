/// Puts input lines on a queue's work stream, numbering them and skipping duplicates, a
/// batch at a time: each batch is one Lua script call, atomic on the server, so a batch is
/// either all enqueued or not at all, and a dedup digest is never recorded without its
/// entry (a crash between the two would lose the line for good).
///
/// Every line of a batch takes the next index from `K:counts`'s `lines` counter, in
/// order, whether it is added or skipped: indexes are input positions, and several
/// enqueuers on one queue never hand out the same one. `add(batches:)` sends several
/// batches in one round trip, which is what makes a million lines a matter of seconds.
///
/// Not `Sendable`: it owns its connection, which belongs to one thread at a time. After a
/// connection-level failure (`RedisError.isConnectionLost`), `connection.reconnect()` and
/// then the same batch again; a batch whose reply was lost may have been applied, and is
/// then applied twice (its lines added again, or counted as duplicates when they have
/// dedup keys).
public final class StreamEnqueuer {
    /// The connection the batches go through: the caller reconnects it after a failure.
    public let connection: RedisConnection
    /// The queue the lines go to.
    public let keys: QueueKeys

    private var script = RedisScript(name: "the enqueue script", source: enqueueScript)
    /// Whether the consumer group was checked on this enqueuer's first add.
    private var groupEnsured = false

    /// An enqueuer onto `keys` over `connection`; nothing is sent before the first `add`.
    public init(connection: RedisConnection, keys: QueueKeys) {
        self.connection = connection
        self.keys = keys
    }

    /// Enqueues `lines` as one batch (one atomic script call). An empty batch enqueues
    /// nothing and answers the next index.
    public func add(_ lines: [EnqueueLine]) throws(RedisError) -> EnqueueOutcome {
        try ensureGroup()
        let reply = try script.run(call(for: lines), on: connection)
        return try outcome(of: reply)
    }

    /// Enqueues each batch atomically, all of them in one pipeline: one round trip for
    /// every batch instead of one per batch. Empty batches are left out. The outcome adds
    /// the batches' counts up; its `firstIndex` is the first batch's. An error reply to a
    /// batch (a key of the wrong type) is thrown, the other batches having run.
    public func add(batches: [[EnqueueLine]]) throws(RedisError) -> EnqueueOutcome {
        let batches = batches.filter { !$0.isEmpty }
        guard !batches.isEmpty else { return try add([]) }
        try ensureGroup()
        let replies = try script.run(batches.map(call(for:)), on: connection)
        var total = EnqueueOutcome(added: 0, duplicates: 0, firstIndex: 0)
        for (position, reply) in replies.enumerated() {
            let outcome = try outcome(of: reply)
            total.added += outcome.added
            total.duplicates += outcome.duplicates
            if position == 0 { total.firstIndex = outcome.firstIndex }
        }
        return total
    }

    /// The group, before the first line: a worker started before the first enqueue then
    /// finds it. (The script creates it too when the stream does not exist, which covers a
    /// server that restarted empty under a running enqueuer.)
    private func ensureGroup() throws(RedisError) {
        guard !groupEnsured else { return }
        try ConsumerGroup.ensure(on: connection, keys: keys)
        groupEnsured = true
    }

    /// The script's arguments: the group, the line count, then each line's text, format
    /// and dedup argument: empty for no dedup key, else `+` and the key (so that an empty
    /// key is still a key).
    private func call(for lines: [EnqueueLine]) -> RedisScript.Call {
        var arguments: [[UInt8]] = []
        arguments.reserveCapacity(2 + 3 * lines.count)
        arguments.append(Array(QueueKeys.group.utf8))
        arguments.append(Array(String(lines.count).utf8))
        for line in lines {
            arguments.append(Array(line.line.utf8))
            arguments.append(Array(line.format.rawValue.utf8))
            if let key = line.dedupKey {
                var argument: [UInt8] = [UInt8(ascii: "+")]
                argument.append(contentsOf: key.utf8)
                arguments.append(argument)
            } else {
                arguments.append([])
            }
        }
        return RedisScript.Call(keys: [keys.stream, keys.seen, keys.counts], arguments: arguments)
    }

    /// The script's `{added, duplicates, first index}`.
    private func outcome(of reply: RedisReply) throws(RedisError) -> EnqueueOutcome {
        guard let values = reply.array?.compactMap(\.integer), values.count == 3 else {
            throw RedisError(.other, context: "EVALSHA (\(script.name))", message: "unexpected reply \(reply)")
        }
        return EnqueueOutcome(added: Int(values[0]), duplicates: Int(values[1]), firstIndex: Int(values[2]))
    }
}

/// KEYS: the stream, the seen set, the counts hash. ARGV: the group, n, then n times the
/// line, its format and its dedup argument (see `StreamEnqueuer.call(for:)`). Answers
/// `{added, duplicates, first index}`.
private let enqueueScript = """
    local stream, seen, counts = KEYS[1], KEYS[2], KEYS[3]
    if redis.call('EXISTS', stream) == 0 then
      redis.call('XGROUP', 'CREATE', stream, ARGV[1], '0', 'MKSTREAM')
    end
    local n = tonumber(ARGV[2])
    local first = redis.call('HINCRBY', counts, 'lines', n) - n
    local added, duplicates = 0, 0
    for i = 0, n - 1 do
      local at = 3 + 3 * i
      local dedup = ARGV[at + 2]
      if dedup ~= '' and redis.call('SADD', seen, redis.sha1hex(string.sub(dedup, 2))) == 0 then
        duplicates = duplicates + 1
      else
        redis.call('XADD', stream, '*', 'index', string.format('%d', first + i), 'line', ARGV[at],
          'format', ARGV[at + 1])
        added = added + 1
      end
    end
    if added > 0 then redis.call('HINCRBY', counts, 'added', added) end
    if duplicates > 0 then redis.call('HINCRBY', counts, 'duplicates', duplicates) end
    return {added, duplicates, first}
    """
