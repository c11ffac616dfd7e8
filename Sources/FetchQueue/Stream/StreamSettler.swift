/// Settles the entries a worker has finished with: writes their outcome (a result, a
/// re-added line, a dead line), acknowledges them in the group, deletes them from the work
/// stream and counts them, all in one Lua script call per batch, atomic on the server. A
/// crash or a lost connection never leaves a result written for an entry still pending
/// (which would be fetched again and written twice), nor an entry acknowledged without its
/// result.
///
/// Settling an entry someone settled before is skipped, so a result is never written
/// twice. The script tells from `XACK`'s answer and from the stream:
///
/// - the entry is pending in the group, under this worker or another one that claimed it
///   meanwhile (`XACK` answers 1): it is settled. The first worker to settle an entry
///   wins; a `.done` from a worker whose entry was claimed by another is still a real
///   record, and the other worker's later settlement is the one skipped;
/// - not pending, but still in the stream (`XACK` answers 0 and `XRANGE id id` finds it:
///   the group was made again after a loss, so the entry waits to be delivered anew): it
///   is settled too, which spares it a second fetch;
/// - neither pending nor in the stream: settled before; skipped, and counted in
///   `alreadySettled`.
///
/// Not `Sendable`: it owns its connection, which belongs to one thread at a time. After a
/// connection-level failure, `connection.reconnect()` and settle the same batch again: a
/// batch that was applied before the reply was lost is then all `alreadySettled`.
public final class StreamSettler {
    /// The most settlements one script call carries: a batch beyond it is split into
    /// calls (sent in one pipeline), each atomic, so that one call does not hold the
    /// server for long.
    public static let settlementsPerCall = 500
    /// The most argument bytes (records, lines, errors) one script call carries, for the
    /// same reason: records may be large.
    public static let bytesPerCall = 4 << 20

    /// The connection the batches go through: the caller reconnects it after a failure.
    public let connection: RedisConnection
    /// The queue whose entries are settled, and whose results, dead and counts keys are
    /// written.
    public let keys: QueueKeys

    private var script = RedisScript(name: "the settle script", source: settleScript)

    /// A settler for `keys` over `connection`; nothing is sent before the first `settle`.
    public init(connection: RedisConnection, keys: QueueKeys) {
        self.connection = connection
        self.keys = keys
    }

    /// Settles `batch`: one atomic script call, or several in one pipeline when the batch
    /// is larger than `settlementsPerCall` or `bytesPerCall` (each call atomic; all of
    /// them applied before this returns, unless it throws). The outcome may be ignored:
    /// skipped settlements need nothing more from the caller.
    @discardableResult
    public func settle(_ batch: [Settlement]) throws(RedisError) -> SettleOutcome {
        guard !batch.isEmpty else { return SettleOutcome(settled: 0, alreadySettled: 0, alreadySettledIDs: []) }
        var calls: [RedisScript.Call] = []
        var arguments: [[UInt8]] = [Array(QueueKeys.group.utf8)]
        var settlements = 0
        var bytes = 0
        for settlement in batch {
            let encoded = Self.arguments(of: settlement)
            let size = encoded.reduce(0) { $0 + $1.count }
            if settlements > 0, settlements == Self.settlementsPerCall || bytes + size > Self.bytesPerCall {
                calls.append(call(arguments))
                arguments = [Array(QueueKeys.group.utf8)]
                settlements = 0
                bytes = 0
            }
            arguments += encoded
            settlements += 1
            bytes += size
        }
        calls.append(call(arguments))
        var outcome = SettleOutcome(settled: 0, alreadySettled: 0, alreadySettledIDs: [])
        for reply in try script.run(calls, on: connection) {
            // `{settled, {skipped id, …}}`.
            guard let parts = reply.array, parts.count == 2, let settled = parts[0].integer,
                let skipped = parts[1].array
            else {
                throw RedisError(.other, context: "EVALSHA (\(script.name))", message: "unexpected reply \(reply)")
            }
            outcome.settled += Int(settled)
            outcome.alreadySettled += skipped.count
            outcome.alreadySettledIDs += skipped.compactMap(\.string)
        }
        return outcome
    }

    private func call(_ arguments: [[UInt8]]) -> RedisScript.Call {
        RedisScript.Call(keys: [keys.stream, keys.results, keys.dead, keys.counts], arguments: arguments)
    }

    /// One settlement's arguments to the script: its kind, the entry's id and index, then
    /// `done`: consumer, record; `retry`: line, format, failures, error; `dead`: line,
    /// format, deliveries, error, consumer, record.
    private static func arguments(of settlement: Settlement) -> [[UInt8]] {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        let entry = settlement.entry
        let head = [bytes(entry.id), bytes(String(entry.index))]
        switch settlement {
        case .done(_, let record, let consumer):
            return [bytes("done")] + head + [bytes(consumer), bytes(record)]
        case .retry(_, let error):
            return [bytes("retry")] + head + [
                bytes(entry.line), bytes(entry.format.rawValue), bytes(String(entry.failures + 1)), bytes(error),
            ]
        case .dead(_, let error, let record, let consumer, let deliveries):
            return [bytes("dead")] + head + [
                bytes(entry.line), bytes(entry.format.rawValue), bytes(String(deliveries)), bytes(error),
                bytes(consumer), bytes(record),
            ]
        }
    }
}

/// KEYS: the work stream, the results stream, the dead stream, the counts hash. ARGV: the
/// group, then the settlements as `StreamSettler.arguments(of:)` lays them out. Answers
/// `{settled, {skipped id, …}}`.
///
/// `XACK` goes through `pcall`: on a stream whose group is gone it is an error (`NOGROUP`),
/// which only means "not pending"; the stream then decides.
private let settleScript = """
    local stream, results, dead, counts = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
    local group = ARGV[1]
    local settled, skipped = 0, {}
    local done, retried, given_up = 0, 0, 0
    local at = 2
    while at <= #ARGV do
      local kind, id, index = ARGV[at], ARGV[at + 1], ARGV[at + 2]
      local width = 5
      if kind == 'retry' then width = 7 elseif kind == 'dead' then width = 9 end
      local live = redis.pcall('XACK', stream, group, id) == 1
      if not live then live = #redis.call('XRANGE', stream, id, id) > 0 end
      if live then
        redis.call('XDEL', stream, id)
        if kind == 'done' then
          redis.call('XADD', results, '*', 'index', index, 'queue_id', id, 'consumer', ARGV[at + 3],
            'record', ARGV[at + 4])
          done = done + 1
        elseif kind == 'retry' then
          redis.call('XADD', stream, '*', 'index', index, 'line', ARGV[at + 3], 'format', ARGV[at + 4],
            'failures', ARGV[at + 5], 'error', ARGV[at + 6])
          retried = retried + 1
        else
          redis.call('XADD', dead, '*', 'index', index, 'queue_id', id, 'line', ARGV[at + 3],
            'format', ARGV[at + 4], 'deliveries', ARGV[at + 5], 'error', ARGV[at + 6])
          redis.call('XADD', results, '*', 'index', index, 'queue_id', id, 'consumer', ARGV[at + 7],
            'record', ARGV[at + 8])
          given_up = given_up + 1
        end
        settled = settled + 1
      else
        skipped[#skipped + 1] = id
      end
      at = at + width
    end
    if done + given_up > 0 then redis.call('HINCRBY', counts, 'done', done + given_up) end
    if retried > 0 then redis.call('HINCRBY', counts, 'retried', retried) end
    if given_up > 0 then redis.call('HINCRBY', counts, 'dead', given_up) end
    return {settled, skipped}
    """
