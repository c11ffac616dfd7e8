import FetchQueue
import FetchTestServer
import RedisTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `StreamSettler` against a real redis-server: what each settlement writes and counts,
/// settling twice, settling an entry another worker claimed, large batches, and the
/// script forgotten by the server.
@Suite("Stream settler", .timeLimit(.minutes(1)))
struct StreamSettlerTests {
    let keys = QueueKeys(name: "jobs")

    /// Enqueues `lines` URL lines and reads them all as `consumer`.
    static func enqueueAndRead(
        _ lines: Int, on connection: RedisConnection, keys: QueueKeys, consumer: String = "worker-a"
    ) throws -> [QueueEntry] {
        _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(lines))
        return try StreamConsumer(connection: connection, keys: keys, consumer: consumer).readNew(
            count: lines, block: .zero)
    }

    /// The server's count of EVALSHA calls so far (`INFO commandstats`), the script's
    /// SCRIPT LOAD not included.
    static func scriptCalls(_ connection: RedisConnection) throws -> Int {
        try calls(of: "evalsha", connection)
    }

    /// The server's count of calls of `command` so far (scripts' calls included).
    static func calls(of command: String, _ connection: RedisConnection) throws -> Int {
        let info = try connection.command(["INFO", "commandstats"]).string ?? ""
        let prefix = "cmdstat_\(command):calls="
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix(prefix) }
        return line.flatMap { Int($0.dropFirst(prefix.count).prefix { $0.isNumber }) } ?? 0
    }

    @Test("done writes the record to the results, and the entry leaves the pending list, not to be read again")
    func done() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(2, on: connection, keys: keys)
                let settled = try StreamSettler(connection: connection, keys: keys).settle([
                    .done(entry: entries[1], record: #"{"index":1,"status":200}"#, consumer: "worker-a")
                ])
                let consumer = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                return (
                    entries, settled, try connection.entries(of: keys.results), try connection.openEntries(of: keys),
                    try consumer.pendingCount(), try connection.counts(of: keys)
                )
            }
            let (entries, settled, results, open, pending, counts) = outcome
            #expect(settled == SettleOutcome(settled: 1, alreadySettled: 0, alreadySettledIDs: []))
            #expect(results.count == 1)
            #expect(
                results.first?.fields == [
                    "consumer": "worker-a", "count": "1", "indexes": "1", "queue_ids": entries[1].id,
                    "records": #"{"index":1,"status":200}"# + "\n",
                ])
            #expect(open == 1)
            #expect(pending == 1)
            #expect(counts == ["lines": 2, "added": 2, "done": 1, "results": 1])
        }
    }

    @Test("a batch mixing done, dead and an entry settled before: each written record keeps its own index and id")
    func mixedBatchKeepsRecordsInPlace() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(5, on: connection, keys: keys)
                let settler = StreamSettler(connection: connection, keys: keys)
                func record(_ entry: QueueEntry) -> String { #"{"index":\#(entry.index),"id":"\#(entry.id)"}"# }
                _ = try settler.settle([.done(entry: entries[1], record: record(entries[1]), consumer: "worker-a")])
                let mixed = try settler.settle([
                    .dead(
                        entry: entries[0], error: "poison", record: record(entries[0]), consumer: "worker-a",
                        deliveries: 4),
                    .done(entry: entries[1], record: record(entries[1]), consumer: "worker-a"),
                    .retry(entry: entries[2], error: "reset"),
                    .done(entry: entries[3], record: record(entries[3]), consumer: "worker-a"),
                    .done(entry: entries[4], record: record(entries[4]), consumer: "worker-a"),
                ])
                return (entries, mixed, try connection.resultRows(of: keys), try connection.counts(of: keys))
            }
            let (entries, mixed, rows, counts) = outcome
            #expect(mixed == SettleOutcome(settled: 4, alreadySettled: 1, alreadySettledIDs: [entries[1].id]))
            #expect(rows.count == 4)
            for row in rows {
                #expect(row.record == #"{"index":\#(row.index),"id":"\#(row.queueID)"}"#, "\(row)")
            }
            #expect(Set(rows.map(\.index)) == ["0", "1", "3", "4"])
            #expect(counts["results"] == 4)
            #expect(counts["done"] == 4)
            #expect(counts["dead"] == 1)
            #expect(counts["retried"] == 1)
        }
    }

    @Test("retry puts the line back as a new entry with its failures and error, read again like any other")
    func retry() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                _ = try StreamEnqueuer(connection: connection, keys: keys).add([
                    EnqueueLine(line: #"{"url":"http://h/x"}"#, format: .jsonl, dedupKey: "x")
                ])
                let consumer = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                let settler = StreamSettler(connection: connection, keys: keys)
                let first = try consumer.readNew(count: 1, block: .zero)
                _ = try settler.settle([.retry(entry: first[0], error: "reset: Connection reset by peer")])
                let stream = try connection.entries(of: keys.stream)
                let second = try consumer.readNew(count: 1, block: .zero)
                _ = try settler.settle([.retry(entry: second[0], error: "timeout: 5 s")])
                let third = try consumer.readNew(count: 1, block: .zero)
                return (
                    first, stream, second, third, try consumer.pendingCount(), try connection.counts(of: keys),
                    try connection.resultRows(of: keys).count
                )
            }
            let (first, stream, second, third, pending, counts, results) = outcome
            // The old entry stays (acknowledged) until its node is trimmed; the new one is last.
            #expect(stream.map(\.id) == [first[0].id, stream.last?.id ?? ""])
            #expect(
                stream.last?.fields == [
                    "index": "0", "line": #"{"url":"http://h/x"}"#, "format": "jsonl", "failures": "1",
                    "error": "reset: Connection reset by peer",
                ])
            let again = try #require(second.first)
            #expect(again.index == 0)
            #expect(again.line == first[0].line)
            #expect(again.format == .jsonl)
            #expect(again.failures == 1)
            #expect(again.lastError == "reset: Connection reset by peer")
            #expect(again.deliveries == 1)
            #expect(third.first?.failures == 2)
            #expect(third.first?.lastError == "timeout: 5 s")
            #expect(pending == 1)
            #expect(counts == ["lines": 1, "added": 1, "retried": 2])
            #expect(results == 0)
        }
    }

    @Test("dead writes the line to the dead-letter stream and the poisoned record to the results")
    func dead() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(1, on: connection, keys: keys)
                _ = try StreamSettler(connection: connection, keys: keys).settle([
                    .dead(
                        entry: entries[0], error: "delivered 5 times", record: #"{"index":0,"error":"poisoned"}"#,
                        consumer: "worker-b", deliveries: 5)
                ])
                return (
                    entries[0], try connection.entries(of: keys.dead), try connection.resultRows(of: keys),
                    try connection.openEntries(of: keys), try connection.counts(of: keys)
                )
            }
            let (entry, dead, results, open, counts) = outcome
            #expect(
                dead.map(\.fields) == [
                    [
                        "index": "0", "queue_id": entry.id, "line": "http://h/0", "format": "url", "deliveries": "5",
                        "error": "delivered 5 times",
                    ]
                ])
            #expect(
                results.map { [$0.index, $0.queueID, $0.consumer, $0.record] } == [
                    ["0", entry.id, "worker-b", #"{"index":0,"error":"poisoned"}"#]
                ])
            #expect(open == 0)
            #expect(counts == ["lines": 1, "added": 1, "done": 1, "dead": 1, "results": 1])
        }
    }

    @Test("settling the same entries twice writes nothing the second time, whatever the settlement")
    func settleTwice() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(3, on: connection, keys: keys)
                let batch: [Settlement] = [
                    .done(entry: entries[0], record: "{}", consumer: "worker-a"),
                    .retry(entry: entries[1], error: "reset"),
                    .dead(entry: entries[2], error: "poison", record: "{}", consumer: "worker-a", deliveries: 9),
                ]
                let settler = StreamSettler(connection: connection, keys: keys)
                let first = try settler.settle(batch)
                let second = try settler.settle(batch)
                // The same entry twice in one batch (the retried line, read again): the second is skipped.
                let more = try StreamConsumer(connection: connection, keys: keys, consumer: "worker-a").readNew(
                    count: 10, block: .zero)
                let doubled = try settler.settle([
                    .done(entry: more[0], record: "{}", consumer: "worker-a"),
                    .done(entry: more[0], record: "{}", consumer: "worker-a"),
                ])
                return (
                    entries.map(\.id), more[0].id, more[0].index, first, second, doubled,
                    try connection.resultRows(of: keys).count,
                    try connection.openEntries(of: keys), try connection.length(of: keys.dead),
                    try connection.counts(of: keys)
                )
            }
            let (ids, moreID, moreIndex, first, second, doubled, results, open, dead, counts) = outcome
            #expect(first == SettleOutcome(settled: 3, alreadySettled: 0, alreadySettledIDs: []))
            #expect(second == SettleOutcome(settled: 0, alreadySettled: 3, alreadySettledIDs: ids))
            #expect(doubled == SettleOutcome(settled: 1, alreadySettled: 1, alreadySettledIDs: [moreID]))
            #expect(moreIndex == 1)
            #expect(results == 3)
            #expect(open == 0)
            #expect(dead == 1)
            #expect(counts["done"] == 3)
            #expect(counts["retried"] == 1)
            #expect(counts["dead"] == 1)
        }
    }

    @Test("an entry another worker claimed: the first to settle it writes its record, the other is skipped")
    func settleReclaimed() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(2, on: connection, keys: keys, consumer: "worker-a")
                let b = StreamConsumer(connection: connection, keys: keys, consumer: "worker-b")
                usleep(80_000)
                var cursor = "0-0"
                let claimed = try b.claimIdle(minIdle: .milliseconds(50), count: 10, cursor: &cursor)
                let settler = StreamSettler(connection: connection, keys: keys)
                // Entry 0: the slow worker-a settles first, then worker-b, which claimed it.
                let slowFirst = try settler.settle([.done(entry: entries[0], record: "a0", consumer: "worker-a")])
                let claimerLate = try settler.settle([.done(entry: claimed[0], record: "b0", consumer: "worker-b")])
                // Entry 1: worker-b first, then the slow worker-a.
                let claimerFirst = try settler.settle([.done(entry: claimed[1], record: "b1", consumer: "worker-b")])
                let slowLate = try settler.settle([.retry(entry: entries[1], error: "late")])
                return (
                    claimed.map(\.id) == entries.map(\.id), [slowFirst, claimerLate, claimerFirst, slowLate],
                    try connection.resultRows(of: keys), try b.pendingCount(),
                    try connection.openEntries(of: keys)
                )
            }
            let (sameIDs, outcomes, results, pending, open) = outcome
            #expect(sameIDs)
            #expect(outcomes.map(\.settled) == [1, 0, 1, 0])
            #expect(outcomes.map(\.alreadySettled) == [0, 1, 0, 1])
            #expect(results.map(\.record) == ["a0", "b1"])
            #expect(results.map(\.consumer) == ["worker-a", "worker-b"])
            #expect(pending == 0)
            #expect(open == 0)
        }
    }

    @Test("an entry no longer pending but still in the stream (the group made again) is settled all the same")
    func settleAfterGroupRecreated() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(2, on: connection, keys: keys)
                _ = try connection.command(["XGROUP", "DESTROY", keys.stream, QueueKeys.group])
                let settler = StreamSettler(connection: connection, keys: keys)
                // No group at all: XACK is NOGROUP inside the script, which only means "not pending".
                let noGroup = try settler.settle([.done(entry: entries[0], record: "r0", consumer: "worker-a")])
                try StreamConsumer(connection: connection, keys: keys, consumer: "worker-a").ensureGroup()
                let newGroup = try settler.settle([.done(entry: entries[1], record: "r1", consumer: "worker-a")])
                let reread = try StreamConsumer(connection: connection, keys: keys, consumer: "worker-b").readNew(
                    count: 10, block: .zero)
                return (noGroup, newGroup, try connection.resultRows(of: keys).count, reread.count)
            }
            let (noGroup, newGroup, results, reread) = outcome
            #expect(noGroup.settled == 1)
            #expect(newGroup.settled == 1)
            #expect(results == 2)
            // Both entries left the stream: nothing is delivered again.
            #expect(reread == 0)
        }
    }

    @Test("a batch of 1,200 settlements and one of large records are split into calls, all applied")
    func largeBatches() async throws {
        let keys = keys
        let big = String(repeating: "r", count: 1 << 20)
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(1210, on: connection, keys: keys)
                let batch: [Settlement] = entries.prefix(1200).map { entry in
                    switch entry.index % 3 {
                    case 0: .done(entry: entry, record: "{\"i\":\(entry.index)}", consumer: "worker-a")
                    case 1: .retry(entry: entry, error: "e\(entry.index)")
                    default: .dead(entry: entry, error: "d", record: "{}", consumer: "worker-a", deliveries: 3)
                    }
                }
                let settler = StreamSettler(connection: connection, keys: keys)
                let before = try Self.scriptCalls(connection)
                let many = try settler.settle(batch)
                let between = try Self.scriptCalls(connection)
                let large = try settler.settle(
                    entries.suffix(10).map { .done(entry: $0, record: big, consumer: "worker-a") })
                let calls = [between - before, try Self.scriptCalls(connection) - between]
                let results = try connection.resultRows(of: keys)
                return (
                    many, large, calls, results.count, results.last?.record.count,
                    try connection.openEntries(of: keys), try connection.length(of: keys.stream),
                    try Self.calls(of: "xdel", connection), try connection.counts(of: keys)
                )
            }
            let (many, large, calls, results, lastRecord, open, length, deletes, counts) = outcome
            // 500 + 500 + 200 settlements; 3 + 3 + 3 + 1 records of 1 MiB (4 MiB a call).
            #expect(calls == [3, 4])
            #expect(many == SettleOutcome(settled: 1200, alreadySettled: 0, alreadySettledIDs: []))
            #expect(large.settled == 10)
            #expect(results == 400 + 400 + 10)
            #expect(lastRecord == big.count)
            #expect(open == 400)
            // The 1,210 settled entries' nodes are trimmed (Redis keeps at most 100 entries a node):
            // what is left is the 400 re-added lines and the settled part of one node.
            #expect(length >= 400 && length < 500, "XLEN \(length)")
            #expect(deletes == 0, "settled entries are trimmed, not deleted one by one")
            #expect(counts == ["lines": 1210, "added": 1210, "done": 810, "retried": 400, "dead": 400, "results": 810])
        }
    }

    @Test("one worker's batch is one call whatever its first settlement; another consumer's records start another")
    func callsByConsumer() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(5, on: connection, keys: keys)
                let settler = StreamSettler(connection: connection, keys: keys)
                let before = try Self.scriptCalls(connection)
                _ = try settler.settle([
                    .retry(entry: entries[0], error: "reset"),
                    .done(entry: entries[1], record: "a1", consumer: "worker-a"),
                    .retry(entry: entries[2], error: "reset"),
                    .dead(entry: entries[3], error: "poison", record: "a3", consumer: "worker-a", deliveries: 4),
                ])
                let between = try Self.scriptCalls(connection)
                _ = try settler.settle([.done(entry: entries[4], record: "b4", consumer: "worker-b")])
                return (between - before, try connection.resultRows(of: keys), try connection.entries(of: keys.results))
            }
            let (calls, rows, entries) = outcome
            #expect(calls == 1)
            #expect(rows.map(\.record) == ["a1", "a3", "b4"])
            #expect(rows.map(\.index) == ["1", "3", "4"])
            #expect(entries.map { $0.fields["consumer"] } == ["worker-a", "worker-b"])
        }
    }

    @Test("after SCRIPT FLUSH the settle script is loaded again")
    func scriptFlushed() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (first, second) = try await withConnection(to: server.url()) { connection in
                let entries = try Self.enqueueAndRead(2, on: connection, keys: keys)
                let settler = StreamSettler(connection: connection, keys: keys)
                let first = try settler.settle([.done(entry: entries[0], record: "{}", consumer: "worker-a")])
                _ = try connection.command(["SCRIPT", "FLUSH"])
                return (first, try settler.settle([.done(entry: entries[1], record: "{}", consumer: "worker-a")]))
            }
            #expect(first.settled == 1)
            #expect(second.settled == 1)
        }
    }
}
