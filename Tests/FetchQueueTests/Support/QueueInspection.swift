import FetchQueue
import Testing

/// What a queue's keys hold, read with plain commands: the tests check what the stream
/// layer wrote without going through the code under test.
extension RedisConnection {
    /// Every entry of the stream `key`, in order (`XRANGE key - +`).
    func entries(of key: String) throws -> [RedisStreamsTests.Entry] {
        let reply = try command(["XRANGE", key, "-", "+"])
        let entries = reply.array ?? []
        let parsed = entries.compactMap(RedisStreamsTests.Entry.init)
        #expect(parsed.count == entries.count, "unparsed entries in \(key): \(reply)")
        return parsed
    }

    /// Every record of the results stream, read from its entries as the settle script
    /// writes them (one entry per call: `consumer`, `count`, comma-separated `indexes` and
    /// `queue_ids`, and `records`, JSON lines each ending in a newline), checking that
    /// each entry's parts agree.
    func resultRows(of keys: QueueKeys) throws -> [ResultRow] {
        try entries(of: keys.results).flatMap { entry -> [ResultRow] in
            let fields = entry.fields
            let text = fields["records"] ?? ""
            #expect(text.hasSuffix("\n"), "records of \(entry.id) end in a newline")
            let records = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let indexes = (fields["indexes"] ?? "").split(separator: ",", omittingEmptySubsequences: false)
            let ids = (fields["queue_ids"] ?? "").split(separator: ",", omittingEmptySubsequences: false)
            #expect(
                Set([records.count, indexes.count, ids.count, Int(fields["count"] ?? "") ?? -1]).count == 1,
                "the parts of \(entry) agree")
            return zip(records, zip(indexes, ids)).map { record, place in
                ResultRow(
                    entryID: entry.id, index: String(place.0), queueID: String(place.1),
                    consumer: fields["consumer"] ?? "", record: String(record))
            }
        }
    }

    /// The counters of `K:counts`, by name (`HGETALL`).
    func counts(of keys: QueueKeys) throws -> [String: Int] {
        let flat = try command(["HGETALL", keys.counts]).array ?? []
        var counts: [String: Int] = [:]
        for position in stride(from: 0, to: flat.count - 1, by: 2) {
            counts[flat[position].string ?? "?"] = flat[position + 1].string.flatMap { Int($0) }
        }
        return counts
    }

    /// Entries of the queue still to be settled: pending in the group `cfetch`, and waiting
    /// after its last-delivered id (the group's `lag`), from `XINFO GROUPS`. Settled
    /// entries stay in the stream until their node is trimmed, so `XLEN` does not tell.
    func openEntries(of keys: QueueKeys) throws -> Int {
        let reply = try command(["XINFO", "GROUPS", keys.stream])
        guard let group = ConsumerGroupInfo.named(QueueKeys.group, in: reply) else {
            Issue.record("no group \(QueueKeys.group) on \(keys.stream)")
            return -1
        }
        #expect(group.lag != nil, "XINFO GROUPS: \(reply)")
        return group.pending + (group.lag ?? 0)
    }

    /// `XLEN key`.
    func length(of key: String) throws -> Int {
        Int(try command(["XLEN", key]).integer ?? -1)
    }

    /// Redis's own `sha1hex` of `text`: the member the enqueue script keeps in `K:seen`.
    func sha1hex(_ text: String) throws -> String {
        try command(["EVAL", "return redis.sha1hex(ARGV[1])", "0", text]).string ?? ""
    }
}

/// `count` URL lines `http://h/<first + i>` of the format `.url`, each its own dedup key.
func urlLines(_ count: Int, from first: Int = 0, dedup: Bool = true) -> [EnqueueLine] {
    (first..<first + count).map { number in
        let url = "http://h/\(number)"
        return EnqueueLine(line: url, format: .url, dedupKey: dedup ? url : nil)
    }
}

/// One record of the results stream with what its entry says of it.
struct ResultRow: Equatable, CustomStringConvertible {
    var entryID: String
    var index: String
    var queueID: String
    var consumer: String
    var record: String
    var description: String { "\(entryID) #\(index) \(queueID) \(consumer) \(record)" }
}
