import FetchQueue
import FetchTestServer
import RedisTestSupport
import Testing

/// `ResultsReader` against a real redis-server: every entry in pages, the last record of
/// each line when lines have several, and entries written while it reads.
@Suite("Results reader", .timeLimit(.minutes(1)))
struct ResultsReaderTests {
    let keys = QueueKeys(name: "jobs")

    /// Adds one result entry per index, its record `r<position>`; -1 leaves the index out.
    static func addResults(
        _ indexes: [Int], from first: Int = 0, on connection: RedisConnection, keys: QueueKeys
    )
        throws
    {
        let commands = indexes.enumerated().map { position, index in
            ["XADD", keys.results, "*"] + (index < 0 ? [] : ["index", "\(index)"])
                + ["queue_id", "q\(first + position)", "consumer", "w", "record", "r\(first + position)"]
        }
        for reply in try connection.pipeline(commands) {
            #expect(reply.errorMessage == nil, "\(reply)")
        }
    }

    /// Adds one result entry per batch, as the settle script writes them, each record
    /// `r<position>` counting on across the batches (-1: a record without an index).
    static func addBatches(_ batches: [[Int]], on connection: RedisConnection, keys: QueueKeys) throws {
        var position = 0
        let commands = batches.map { batch in
            let records = batch.map { _ -> String in
                defer { position += 1 }
                return "r\(position)\n"
            }
            return [
                "XADD", keys.results, "*", "consumer", "w", "count", "\(batch.count)", "indexes",
                batch.map { $0 < 0 ? "" : "\($0)" }.joined(separator: ","), "queue_ids",
                batch.indices.map { "q\($0)" }.joined(separator: ","), "records", records.joined(),
            ]
        }
        for reply in try connection.pipeline(commands) {
            #expect(reply.errorMessage == nil, "\(reply)")
        }
    }

    /// What `deduplicated` must answer for `indexes`: the records of the entries no later
    /// entry's index supersedes, in order (no index: always kept).
    static func expectedRecords(_ indexes: [Int]) -> [String] {
        var last: [Int: Int] = [:]
        for (position, index) in indexes.enumerated() where index >= 0 { last[index] = position }
        return indexes.enumerated().compactMap { position, index in
            index < 0 || last[index] == position ? "r\(position)" : nil
        }
    }

    @Test("duplicates interleaved: only each index's last entry, in stream order")
    func interleaved() async throws {
        let keys = keys
        let indexes = [0, 1, 2, 1, 3, 0, 4, 1, -1, 5, -1, 5]
        try await withRedisServer { server in
            let (kept, all) = try await withConnection(to: server.url()) { connection in
                try Self.addResults(indexes, on: connection, keys: keys)
                let reader = ResultsReader(connection: connection, keys: keys, pageSize: 3)
                var kept: [ResultEntry] = []
                try reader.deduplicated { kept.append($0) }
                var all: [ResultEntry] = []
                try reader.allEntries { all.append($0) }
                return (kept, all)
            }
            #expect(kept.map(\.record) == ["r2", "r4", "r5", "r6", "r7", "r8", "r10", "r11"])
            #expect(kept.map(\.record) == Self.expectedRecords(indexes))
            #expect(kept.map(\.index) == [2, 3, 0, 4, 1, -1, -1, 5])
            #expect(kept.first?.queueID == "q2")
            #expect(kept.first?.consumer == "w")
            #expect(all.map(\.record) == (0..<indexes.count).map { "r\($0)" })
            #expect(all.map(\.index) == indexes)
        }
    }

    @Test("entries of many records (as the settler writes them): repeats within and across entries, pages of 2")
    func batchedEntries() async throws {
        let keys = keys
        let batches = [[0, 1, 2], [1], [3, 0, 4, 4], [], [-1, 5, 2], [6, -1, 5, 7, 3]]
        let indexes = batches.flatMap { $0 }
        try await withRedisServer { server in
            let (kept, all) = try await withConnection(to: server.url()) { connection in
                try Self.addBatches(batches.filter { !$0.isEmpty }, on: connection, keys: keys)
                // An entry of one record among them, after the others.
                try Self.addResults([6], from: indexes.count, on: connection, keys: keys)
                let reader = ResultsReader(connection: connection, keys: keys, pageSize: 2)
                var kept: [ResultEntry] = []
                try reader.deduplicated { kept.append($0) }
                var all: [ResultEntry] = []
                try reader.allEntries { all.append($0) }
                return (kept, all)
            }
            #expect(kept.map(\.record) == Self.expectedRecords(indexes + [6]))
            #expect(all.map(\.record) == (0...indexes.count).map { "r\($0)" })
            #expect(all.map(\.index) == indexes + [6])
            #expect(all.prefix(3).map(\.position) == [0, 1, 2])
            #expect(all.prefix(3).map(\.queueID) == ["q0", "q1", "q2"])
            #expect(Set(all.prefix(3).map(\.id)).count == 1)
            #expect(all.allSatisfy { $0.consumer == "w" })
        }
    }

    @Test("indexes far apart (one written by hand, in the trillions) are told apart without a bitmap up to them")
    func farIndexes() async throws {
        let keys = keys
        let far = 5_000_000_000_000
        let indexes = [far, 0, far + 1, far, 4096, 0, 4096 * 1000]
        try await withRedisServer { server in
            let kept = try await withConnection(to: server.url()) { connection in
                try Self.addResults(indexes, on: connection, keys: keys)
                var kept: [String] = []
                try ResultsReader(connection: connection, keys: keys, pageSize: 2).deduplicated {
                    kept.append($0.record)
                }
                return kept
            }
            #expect(kept == ["r2", "r3", "r4", "r5", "r6"])
            #expect(kept == Self.expectedRecords(indexes))
        }
    }

    @Test("many pages of 7, random duplicates: the same as the reference, and every entry once in allEntries")
    func manyPages() async throws {
        let keys = keys
        var generator = SeededGenerator(seed: 13)
        let indexes = (0..<500).map { position in
            // Mostly new indexes; now and then one seen before, or none.
            switch Int.random(in: 0..<10, using: &generator) {
            case 0, 1: Int.random(in: 0...max(position / 2, 0), using: &generator)
            case 2: -1
            default: 1000 + position
            }
        }
        try await withRedisServer { server in
            let (kept, all) = try await withConnection(to: server.url()) { connection in
                try Self.addResults(indexes, on: connection, keys: keys)
                let reader = ResultsReader(connection: connection, keys: keys, pageSize: 7)
                var kept: [String] = []
                try reader.deduplicated { kept.append($0.record) }
                var all: [String] = []
                try reader.allEntries { all.append($0.id) }
                return (kept, all)
            }
            #expect(kept == Self.expectedRecords(indexes))
            #expect(kept.count < indexes.count)
            #expect(all.count == indexes.count)
            #expect(Set(all).count == all.count)
        }
    }

    @Test("entries written while reading are left out of both passes")
    func appendedWhileReading() async throws {
        let keys = keys
        let indexes = Array(0..<20) + [3, 7]
        try await withRedisServer { server in
            let (kept, all) = try await withConnection(to: server.url()) { connection in
                try Self.addResults(indexes, on: connection, keys: keys)
                let writer = try RedisConnection(url: server.url())
                defer { writer.close() }
                let reader = ResultsReader(connection: connection, keys: keys, pageSize: 4)
                var kept: [String] = []
                try reader.deduplicated { entry in
                    kept.append(entry.record)
                    // A newer result for every index as it is delivered: it would supersede it.
                    try Self.addResults([entry.index], from: 100 + kept.count, on: writer, keys: keys)
                }
                var all: [String] = []
                try reader.allEntries { entry in
                    all.append(entry.record)
                    if all.count == 1 { try Self.addResults([1, 2, 3], from: 500, on: writer, keys: keys) }
                }
                return (kept, all.count)
            }
            #expect(kept == Self.expectedRecords(indexes))
            #expect(all == indexes.count + 20)
        }
    }

    @Test("no results stream: nothing delivered; results written by the settler read back whole")
    func settledResults() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (before, after, entries) = try await withConnection(to: server.url()) { connection in
                let reader = ResultsReader(connection: connection, keys: keys)
                var before = 0
                try reader.deduplicated { _ in before += 1 }
                try reader.allEntries { _ in before += 1 }
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(2))
                let entries = try StreamConsumer(connection: connection, keys: keys, consumer: "worker-a").readNew(
                    count: 2, block: .zero)
                _ = try StreamSettler(connection: connection, keys: keys).settle([
                    .done(entry: entries[0], record: #"{"index":0,"url":"http://h/0"}"#, consumer: "worker-a"),
                    .dead(
                        entry: entries[1], error: "poison", record: #"{"index":1,"error":"é"}"#, consumer: "worker-b",
                        deliveries: 4),
                ])
                var after: [ResultEntry] = []
                try reader.deduplicated { after.append($0) }
                return (before, after, entries)
            }
            #expect(before == 0)
            #expect(after.count == 2)
            #expect(after.map(\.index) == [0, 1])
            #expect(after.map(\.queueID) == entries.map(\.id))
            #expect(after.map(\.consumer) == ["worker-a", "worker-b"])
            #expect(after.map(\.record) == [#"{"index":0,"url":"http://h/0"}"#, #"{"index":1,"error":"é"}"#])
        }
    }

    @Test("a body that throws stops the read and its error comes out")
    func bodyThrows() async throws {
        struct Stop: Error {}
        let keys = keys
        try await withRedisServer { server in
            let (delivered, stopped) = try await withConnection(to: server.url()) { connection in
                try Self.addResults(Array(0..<10), on: connection, keys: keys)
                var delivered = 0
                do {
                    try ResultsReader(connection: connection, keys: keys, pageSize: 3).deduplicated { _ in
                        delivered += 1
                        if delivered == 4 { throw Stop() }
                    }
                    return (delivered, false)
                } catch is Stop {
                    return (delivered, true)
                }
            }
            #expect(delivered == 4)
            #expect(stopped)
        }
    }
}
