#if canImport(Glibc)
import Glibc
#endif

/// Settles the entries a worker has finished with: writes their outcome (a result, a
/// re-added line, a dead line), acknowledges them in the group and counts them, all in one
/// Lua script call per batch, atomic on the server. A crash or a lost connection never
/// leaves a result written for an entry still pending (which would be fetched again and
/// written twice), nor an entry acknowledged without its result.
///
/// Settled entries are not deleted one by one (`XDEL` walks and rewrites the stream's node,
/// the costliest step of a settlement): each call then trims the stream below the oldest
/// entry the group still needs, the oldest pending one or the last delivered one
/// (`XTRIM MINID ~`, which drops whole nodes only, cheaply). What a settled entry leaves
/// behind until then is an acknowledged entry at or before the group's last-delivered id,
/// which no worker reads again.
///
/// Settling an entry someone settled before is skipped, so a result is never written
/// twice. The script tells from `XACK`'s answer and from the group:
///
/// - the entry is pending in the group, under this worker or another one that claimed it
///   meanwhile (`XACK` answers 1): it is settled. The first worker to settle an entry
///   wins; a `.done` from a worker whose entry was claimed by another is still a real
///   record, and the other worker's later settlement is the one skipped;
/// - not pending, after the group's last-delivered id, and still in the stream (the group
///   was made again after a loss, so the entry waits to be delivered anew): it is settled
///   too, and deleted, which spares it a second fetch;
/// - otherwise (not pending, at or before the last-delivered id: acknowledged before; or
///   gone from the stream): settled before; skipped, and counted in `alreadySettled`.
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
    /// is larger than `settlementsPerCall` or `bytesPerCall`, or changes consumer (each
    /// call atomic; all of them applied before this returns, unless it throws). The
    /// outcome may be ignored: skipped settlements need nothing more from the caller.
    ///
    /// A record must be one line: one JSON object's text, without a newline.
    @discardableResult
    public func settle(_ batch: [Settlement]) throws(RedisError) -> SettleOutcome {
        guard !batch.isEmpty else { return SettleOutcome(settled: 0, alreadySettled: 0, alreadySettledIDs: []) }
        var calls: [RedisScript.Call] = []
        var call = CallBuilder(consumer: batch.lazy.compactMap(\.consumer).first)
        for settlement in batch {
            let size = call.size(of: settlement)
            if call.settlements > 0,
                call.settlements == Self.settlementsPerCall || call.bytes + size > Self.bytesPerCall
                    || (settlement.consumer != nil && settlement.consumer != call.consumer)
            {
                calls.append(RedisScript.Call(keys: keys.settleKeys, arguments: call.arguments))
                call = CallBuilder(consumer: settlement.consumer ?? call.consumer)
            }
            call.add(settlement, size: size)
        }
        calls.append(RedisScript.Call(keys: keys.settleKeys, arguments: call.arguments))
        var outcome = SettleOutcome(settled: 0, alreadySettled: 0, alreadySettledIDs: [])
        // How often each id was skipped (an entry given twice in one batch may be skipped once).
        var skippedIDs: [String: Int] = [:]
        for reply in try script.run(calls, on: connection) {
            // `{settled, {skipped id, …}}`.
            guard let parts = reply.array, parts.count == 2, let settled = parts[0].integer,
                let skipped = parts[1].array
            else {
                throw RedisError(.other, context: "EVALSHA (\(script.name))", message: "unexpected reply \(reply)")
            }
            outcome.settled += Int(settled)
            outcome.alreadySettled += skipped.count
            for id in skipped { if let id = id.string { skippedIDs[id, default: 0] += 1 } }
        }
        if !skippedIDs.isEmpty {
            // The script goes through the `done` settlements first: back in the batch's order.
            // Of an id given more than once, the first occurrences are the ones taken.
            for id in batch.map({ $0.entry.id }).reversed() where skippedIDs[id, default: 0] > 0 {
                skippedIDs[id, default: 0] -= 1
                outcome.alreadySettledIDs.append(id)
            }
            outcome.alreadySettledIDs.reverse()
        }
        return outcome
    }

    /// One script call's arguments as they are gathered: the group, the consumer whose
    /// records these are, the records as one text of JSON lines (the `done` settlements',
    /// then the `dead` ones', each in order), the `done` settlements' entry ids and their
    /// indexes (each list comma-separated, in order), then each other settlement: its kind,
    /// the entry's id and index, then `retry`: line, format, failures, error; `dead`: line,
    /// format, deliveries, error.
    ///
    /// The records, ids and indexes travel as one argument each so that, in the usual case
    /// (all `done`, nothing skipped), the script writes them to the results as they came:
    /// every argument becomes a Lua string, which Redis's Lua hashes whole, so a record
    /// passed alone and joined again there would be hashed twice, and three arguments per
    /// settlement cost the script more than its `XACK`.
    private struct CallBuilder {
        let consumer: String
        private(set) var settlements = 0
        private(set) var bytes = 0
        private var records: [UInt8] = []
        private var deadRecords: [UInt8] = []
        private var doneIDs: [UInt8] = []
        private var doneIndexes: [UInt8] = []
        private var tail: [[UInt8]] = []

        init(consumer: String?) {
            self.consumer = consumer ?? ""
        }

        var arguments: [[UInt8]] {
            // Without dead records (the usual case) the records go as they are, not copied again.
            let text = deadRecords.isEmpty ? records : records + deadRecords
            return [Array(QueueKeys.group.utf8), Array(consumer.utf8), text, doneIDs, doneIndexes] + tail
        }

        func size(of settlement: Settlement) -> Int {
            let entry = settlement.entry
            switch settlement {
            case .done(_, let record, _): return entry.id.utf8.count + 30 + record.utf8.count
            case .retry(_, let error): return entry.id.utf8.count + 40 + entry.line.utf8.count + error.utf8.count
            case .dead(_, let error, let record, _, _):
                return entry.id.utf8.count + 40 + entry.line.utf8.count + error.utf8.count + record.utf8.count
            }
        }

        /// Adds `settlement`, whose `size(of:)` the caller has.
        mutating func add(_ settlement: Settlement, size: Int) {
            func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }
            func decimal(_ number: Int) -> [UInt8] {
                var digits: [UInt8] = []
                digits.append(decimal: number)
                return digits
            }
            let entry = settlement.entry
            switch settlement {
            case .done(_, let record, _):
                Self.append(record, to: &records)
                if !doneIDs.isEmpty {
                    doneIDs.append(UInt8(ascii: ","))
                    doneIndexes.append(UInt8(ascii: ","))
                }
                doneIDs += entry.id.utf8
                doneIndexes.append(decimal: entry.index)
            case .retry(_, let error):
                tail.append(Self.retry)
                tail.append(utf8(entry.id))
                tail.append(decimal(entry.index))
                tail.append(utf8(entry.line))
                tail.append(utf8(entry.format.rawValue))
                tail.append(decimal(entry.failures + 1))
                tail.append(utf8(error))
            case .dead(_, let error, let record, _, let deliveries):
                Self.append(record, to: &deadRecords)
                tail.append(Self.dead)
                tail.append(utf8(entry.id))
                tail.append(decimal(entry.index))
                tail.append(utf8(entry.line))
                tail.append(utf8(entry.format.rawValue))
                tail.append(decimal(deliveries))
                tail.append(utf8(error))
            }
            settlements += 1
            bytes += size
        }

        private static let retry = Array("retry".utf8)
        private static let dead = Array("dead".utf8)

        private static func append(_ record: String, to text: inout [UInt8]) {
            var record = record
            record.withUTF8 { line in
                precondition(
                    line.isEmpty || memchr(line.baseAddress!, 10, line.count) == nil,
                    "a record settled in the results must be one line")
                text.append(contentsOf: line)
            }
            text.append(10)
        }
    }
}

extension Settlement {
    /// The worker whose record it is; nil for a retry, which has none.
    fileprivate var consumer: String? {
        switch self {
        case .done(_, _, let consumer), .dead(_, _, _, let consumer, _): consumer
        case .retry: nil
        }
    }
}

extension QueueKeys {
    /// The settle script's keys, in its order.
    fileprivate var settleKeys: [String] { [stream, results, dead, counts] }
}

/// KEYS: the work stream, the results stream, the dead stream, the counts hash. ARGV: the
/// group, the consumer, the records, the `done` ids, the `done` indexes, then the other
/// settlements, as `StreamSettler.CallBuilder` lays them out. Answers `{settled, {skipped
/// id, …}}` (the skipped `done` ids first).
///
/// The records of the settlements applied go to the results as one entry: `consumer`,
/// `count`, `indexes` and `queue_ids` (comma-separated, in the records' order) and
/// `records` (the JSON lines, each ending in a newline). Only when a settlement is skipped,
/// or one is `dead`, are the lists and the records text taken apart here.
///
/// `XACK`, `XINFO GROUPS` and `XPENDING` go through `pcall`: on a stream whose group is
/// gone they fail (`NOGROUP`), which only means "nothing pending, nothing delivered".
private let settleScript =
    streamScriptFunctions + """
        local stream, results, dead, counts = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
        local group, consumer, records = ARGV[1], ARGV[2], ARGV[3]
        local done_ids, done_indexes = ARGV[4], ARGV[5]

        -- The group's last-delivered id, or nil when the group (or the stream) is missing.
        local function last_delivered()
          local info = group_info(stream, group)
          return info and info['last-delivered-id']
        end

        -- Settles entry `id` when no one did before: acknowledged if pending; deleted if not
        -- pending but after the group's last-delivered id and still in the stream. Whether
        -- it is settled now.
        local delivered = nil
        local function take(id)
          if redis.pcall('XACK', stream, group, id) == 1 then return true end
          delivered = delivered or last_delivered() or '0-0'
          if before(delivered, id) and #redis.call('XRANGE', stream, id, id) > 0 then
            redis.call('XDEL', stream, id)
            return true
          end
          return false
        end

        local skipped = {}
        local done, retried, given_up = 0, 0, 0
        -- Of the records (the done settlements', then the dead ones'), whether each is written.
        local kept = {}
        local left_out = false
        for id in string.gmatch(done_ids, '[^,]+') do
          local live = take(id)
          kept[#kept + 1] = live
          if live then done = done + 1 else skipped[#skipped + 1] = id; left_out = true end
        end
        local dead_indexes, dead_ids = {}, {}
        local at = 6
        while at <= #ARGV do
          local kind, id, index = ARGV[at], ARGV[at + 1], ARGV[at + 2]
          local live = take(id)
          if live then
            if kind == 'retry' then
              redis.call('XADD', stream, '*', 'index', index, 'line', ARGV[at + 3], 'format', ARGV[at + 4],
                'failures', ARGV[at + 5], 'error', ARGV[at + 6])
              retried = retried + 1
            else
              redis.call('XADD', dead, '*', 'index', index, 'queue_id', id, 'line', ARGV[at + 3],
                'format', ARGV[at + 4], 'deliveries', ARGV[at + 5], 'error', ARGV[at + 6])
              given_up = given_up + 1
              dead_indexes[#dead_indexes + 1] = index
              dead_ids[#dead_ids + 1] = id
            end
          else
            skipped[#skipped + 1] = id
          end
          if kind == 'dead' then
            kept[#kept + 1] = live
            if not live then left_out = true end
          end
          at = at + 7
        end
        local written = done + given_up
        if written > 0 then
          local text, indexes, ids = records, done_indexes, done_ids
          if left_out then
            local lines, from = {}, 1
            for n = 1, #kept do
              local to = string.find(records, '\\n', from, true)
              if kept[n] then lines[#lines + 1] = string.sub(records, from, to) end
              from = to + 1
            end
            text = table.concat(lines)
          end
          if left_out or given_up > 0 then
            local index_list, id_list = {}, {}
            local next_index = string.gmatch(done_indexes, '[^,]+')
            local n = 0
            for id in string.gmatch(done_ids, '[^,]+') do
              n = n + 1
              local index = next_index()
              if kept[n] then
                index_list[#index_list + 1] = index
                id_list[#id_list + 1] = id
              end
            end
            for k = 1, #dead_ids do
              index_list[#index_list + 1] = dead_indexes[k]
              id_list[#id_list + 1] = dead_ids[k]
            end
            indexes, ids = table.concat(index_list, ','), table.concat(id_list, ',')
          end
          redis.call('XADD', results, '*', 'consumer', consumer, 'count', written,
            'indexes', indexes, 'queue_ids', ids, 'records', text)
          redis.call('HINCRBY', counts, 'results', written)
          redis.call('HINCRBY', counts, 'done', written)
        end
        if retried > 0 then redis.call('HINCRBY', counts, 'retried', retried) end
        if given_up > 0 then redis.call('HINCRBY', counts, 'dead', given_up) end
        -- Drop the settled entries' nodes: everything below the oldest entry still pending and
        -- the last one delivered (entries after it wait to be delivered).
        local settled = written + retried
        if settled > 0 then
          local floor = last_delivered()
          local pending = redis.pcall('XPENDING', stream, group)
          if floor and type(pending) == 'table' and not pending.err then
            if pending[1] > 0 and before(pending[2], floor) then floor = pending[2] end
            redis.call('XTRIM', stream, 'MINID', '~', floor)
          end
        end
        return {settled, skipped}
        """
