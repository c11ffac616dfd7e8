/// Reads a queue's results stream (`K:results`) a page at a time (`XRANGE … COUNT
/// pageSize`), so that a results stream of millions of records is read in bounded memory.
/// An entry holds the records of one settle call (up to `StreamSettler.settlementsPerCall`
/// of them, `StreamSettler.bytesPerCall` bytes at most): a page is a few entries.
///
/// `deduplicated` answers one record per line: a line fetched twice (a worker that was
/// thought dead and still finished, a batch settled again after a lost reply that the
/// settle script could not tell apart) has two results, and the last one written wins.
///
/// Not `Sendable`: it owns its connection, which belongs to one thread at a time.
public final class ResultsReader {
    /// The connection the pages are read through.
    public let connection: RedisConnection
    /// The queue whose results stream (`keys.results`) is read.
    public let keys: QueueKeys
    /// Entries per `XRANGE`: the memory a page takes against the round trips.
    public let pageSize: Int

    /// A reader of `keys.results` over `connection`, `pageSize` entries per round trip.
    public init(connection: RedisConnection, keys: QueueKeys, pageSize: Int = 8) {
        precondition(pageSize > 0, "a page holds at least one entry")
        self.connection = connection
        self.keys = keys
        self.pageSize = pageSize
    }

    /// Every result record, in stream order, up to the last entry there when the read
    /// started: entries written meanwhile are left for the next read. Throws what `body`
    /// throws, or a `RedisError`.
    public func allEntries(_ body: (ResultEntry) throws -> Void) throws {
        guard let last = try lastID() else { return }
        try pages(through: last) { page in
            for entry in page {
                for record in ResultEntry.records(of: entry) { try body(record) }
            }
        }
    }

    /// The last result record of each line, in stream order: every record whose index no
    /// later record has, up to the last entry there when the read started. Records without
    /// an index (-1) are all kept: nothing says which line they answer.
    ///
    /// Two passes over the stream: the first remembers each index met (a bit each) and,
    /// for an index met again, where its latest record is, so memory grows with the
    /// duplicates, not with the results; the second delivers the records that are not
    /// superseded. Both stop at the entry that was last when the first began, so they
    /// see the same entries however many are written meanwhile.
    public func deduplicated(_ body: (ResultEntry) throws -> Void) throws {
        guard let last = try lastID() else { return }
        var seen = SeenIndexes()
        var latestOfDuplicated: [Int: Place] = [:]
        try pages(through: last) { page in
            for entry in page {
                // Only the indexes: the records are copied in the second pass, once.
                for (position, index) in ResultEntry.indexes(of: entry).enumerated()
                where index >= 0 && !seen.insert(index) {
                    latestOfDuplicated[index] = Place(id: entry.id, position: position)
                }
            }
        }
        try pages(through: last) { page in
            for entry in page {
                for record in ResultEntry.records(of: entry) {
                    if let latest = latestOfDuplicated[record.index],
                        latest != Place(id: record.id, position: record.position)
                    {
                        continue
                    }
                    try body(record)
                }
            }
        }
    }

    /// Where a record is: its entry, and its place there.
    private struct Place: Equatable {
        let id: String
        let position: Int
    }

    /// The id of the stream's last entry now, nil when it has none (or does not exist).
    private func lastID() throws(RedisError) -> String? {
        let reply = try connection.command(["XREVRANGE", keys.results, "+", "-", "COUNT", "1"])
        return StreamEntryReply.entries(of: reply).first?.id
    }

    /// Hands `body` the entries from the stream's start through `last`, a page at a time.
    private func pages(through last: String, _ body: ([StreamEntryReply]) throws -> Void) throws {
        var start = "-"
        while true {
            let reply = try connection.command(["XRANGE", keys.results, start, last, "COUNT", String(pageSize)])
            let page = StreamEntryReply.entries(of: reply)
            guard let tail = page.last else { return }
            try body(page)
            if page.count < pageSize || tail.id == last { return }
            start = "(" + tail.id
        }
    }
}
