import FetchQueue
import FetchTestServer
import RedisTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `StreamConsumer` against a real redis-server: new entries, idle entries claimed from
/// another worker with their delivery counts, entries deleted while pending, a group that
/// vanished, and entries that are not cfetch's.
@Suite("Stream consumer", .timeLimit(.minutes(1)))
struct StreamConsumerTests {
    let keys = QueueKeys(name: "jobs")

    @Test("readNew hands out entries once, in order, with deliveries 1; nothing new is [] after the block")
    func readNewRoundTrip() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (first, rest, none, waited, pending) = try await withConnection(to: server.url()) { connection in
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(
                    urlLines(4) + [EnqueueLine(line: #"{"url":"http://j/"}"#, format: .jsonl, dedupKey: nil)])
                let consumer = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                let first = try consumer.readNew(count: 3, block: .zero)
                let rest = try consumer.readNew(count: 10, block: .milliseconds(100))
                let start = ContinuousClock.now
                let none = try consumer.readNew(count: 10, block: .milliseconds(60))
                return (first, rest, none, ContinuousClock.now - start, try consumer.pendingCount())
            }
            #expect(first.map(\.index) == [0, 1, 2])
            #expect(first.map(\.line) == ["http://h/0", "http://h/1", "http://h/2"])
            let entry = try #require(first.first)
            #expect(entry.format == .url)
            #expect(entry.deliveries == 1)
            #expect(entry.failures == 0)
            #expect(entry.lastError == nil)
            #expect(!entry.isMalformed)
            #expect(rest.map(\.index) == [3, 4])
            #expect(rest.last?.format == .jsonl)
            #expect(rest.last?.line == #"{"url":"http://j/"}"#)
            #expect(none.isEmpty)
            #expect(waited >= .milliseconds(50), "BLOCK 60 ms returned after \(waited)")
            #expect(pending == 5)
        }
    }

    @Test("a block under a millisecond waits a millisecond, never BLOCK 0, which is forever")
    func subMillisecondBlock() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (none, waited) = try await withConnection(to: server.url(), commandTimeout: .seconds(2)) { connection in
                let consumer = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                try consumer.ensureGroup()
                let start = ContinuousClock.now
                return (try consumer.readNew(count: 1, block: .microseconds(300)), ContinuousClock.now - start)
            }
            #expect(none.isEmpty)
            #expect(waited < .seconds(1), "a 300 µs block took \(waited)")
        }
    }

    @Test("another worker's entries idle past minIdle are claimed, with their delivery counts")
    func claimIdleFromAnother() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(4))
                let a = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                let b = StreamConsumer(connection: connection, keys: keys, consumer: "worker-b")
                let read = try a.readNew(count: 3, block: .zero)
                var cursor = "0-0"
                // Not idle long enough yet: nothing.
                let early = try b.claimIdle(minIdle: .seconds(10), count: 10, cursor: &cursor)
                usleep(100_000)
                cursor = "0-0"
                let claimed = try b.claimIdle(minIdle: .milliseconds(50), count: 10, cursor: &cursor)
                let counts = (try a.pendingCount(of: "worker-a"), try b.pendingCount(of: "worker-b"))
                usleep(100_000)
                var again = "0-0"
                let back = try a.claimIdle(minIdle: .milliseconds(50), count: 1, cursor: &again)
                return (read, early, claimed, cursor, counts, back, try a.pendingCount())
            }
            let (read, early, claimed, cursor, counts, back, pending) = outcome
            #expect(early.isEmpty)
            #expect(claimed.map(\.id) == read.map(\.id))
            #expect(claimed.map(\.index) == [0, 1, 2])
            #expect(claimed.map(\.line) == read.map(\.line))
            #expect(claimed.map(\.deliveries) == [2, 2, 2])
            #expect(cursor == "0-0")
            #expect(counts == (0, 3))
            #expect(back.map(\.index) == [0])
            #expect(back.map(\.deliveries) == [3])
            #expect(pending == 3)
        }
    }

    @Test("claimIdle's cursor goes through many idle entries a few at a time, back to 0-0")
    func claimIdleCursor() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (pages, cursors) = try await withConnection(to: server.url()) { connection in
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(7))
                let a = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                let b = StreamConsumer(connection: connection, keys: keys, consumer: "worker-b")
                _ = try a.readNew(count: 7, block: .zero)
                usleep(80_000)
                var cursor = "0-0"
                var pages: [[Int]] = []
                var cursors: [String] = []
                repeat {
                    pages.append(try b.claimIdle(minIdle: .milliseconds(50), count: 3, cursor: &cursor).map(\.index))
                    cursors.append(cursor)
                } while cursor != "0-0" && pages.count < 10
                return (pages, cursors)
            }
            #expect(pages.flatMap { $0 } == Array(0..<7))
            #expect(pages.allSatisfy { $0.count <= 3 })
            #expect(cursors.last == "0-0")
            #expect(cursors.dropLast().allSatisfy { $0 != "0-0" })
        }
    }

    @Test("entries deleted while pending are acknowledged by the claim and not handed out")
    func claimIdleAcksDeleted() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (claimed, pendingBefore, pendingAfter) = try await withConnection(to: server.url()) { connection in
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(3))
                let a = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                let b = StreamConsumer(connection: connection, keys: keys, consumer: "worker-b")
                let read = try a.readNew(count: 3, block: .zero)
                _ = try connection.command(["XDEL", keys.stream, read[0].id, read[2].id])
                usleep(80_000)
                let before = try a.pendingCount()
                var cursor = "0-0"
                let claimed = try b.claimIdle(minIdle: .milliseconds(50), count: 10, cursor: &cursor)
                return (claimed, before, try a.pendingCount())
            }
            #expect(claimed.map(\.index) == [1])
            #expect(claimed.map(\.deliveries) == [2])
            #expect(pendingBefore == 3)
            #expect(pendingAfter == 1)
        }
    }

    @Test("a group that vanished is made again: readNew reads from the stream's start, claimIdle finds nothing")
    func groupRecreated() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                let consumer = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                // No key at all: pending is 0, a read makes the group and finds nothing.
                let noKey = try consumer.pendingCount()
                let empty = try consumer.readNew(count: 10, block: .zero)
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(3))
                _ = try consumer.readNew(count: 1, block: .zero)
                // The group destroyed under the worker, its entries still in the stream.
                _ = try connection.command(["XGROUP", "DESTROY", keys.stream, QueueKeys.group])
                var cursor = "12-0"
                let claimed = try consumer.claimIdle(minIdle: .zero, count: 10, cursor: &cursor)
                _ = try connection.command(["XGROUP", "DESTROY", keys.stream, QueueKeys.group])
                let reread = try consumer.readNew(count: 10, block: .zero)
                return (noKey, empty, claimed, cursor, reread)
            }
            let (noKey, empty, claimed, cursor, reread) = outcome
            #expect(noKey == 0)
            #expect(empty.isEmpty)
            #expect(claimed.isEmpty)
            #expect(cursor == "0-0")
            #expect(reread.map(\.index) == [0, 1, 2])
        }
    }

    @Test("ownPending pages through this consumer's unsettled entries, with their deliveries, not others'")
    func ownPending() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcome = try await withConnection(to: server.url()) { connection in
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(6))
                let a = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                let b = StreamConsumer(connection: connection, keys: keys, consumer: "worker-b")
                // A read whose reply worker-a never saw, as after a lost connection.
                let read = try a.readNew(count: 4, block: .zero)
                _ = try b.readNew(count: 2, block: .zero)
                _ = try StreamSettler(connection: connection, keys: keys).settle([
                    .done(entry: read[1], record: "{}", consumer: "worker-a")
                ])
                _ = try connection.command(["XDEL", keys.stream, read[2].id])
                let whole = try a.ownPending(after: "0-0", count: 10)
                var pages: [[Int]] = []
                var start: String? = "0-0"
                while let from = start {
                    let page = try a.ownPending(after: from, count: 1)
                    pages.append(page.entries.map(\.index))
                    start = page.next
                }
                let again = try a.ownPending(after: "0-0", count: 10).entries.map(\.deliveries)
                return (whole, pages, again, try a.pendingCount(of: "worker-a"))
            }
            let (whole, pages, again, pendingAfter) = outcome
            #expect(whole.entries.map(\.index) == [0, 3])
            #expect(whole.entries.map(\.deliveries) == [1, 1])
            #expect(whole.entries.first?.line == "http://h/0")
            #expect(whole.next == nil)
            // Page by page: the deleted entry takes a page of its own (acknowledged, left out).
            #expect(pages.flatMap { $0 } == [0, 3])
            #expect(pages.count >= 2)
            #expect(again == [1, 1], "looking does not count a delivery")
            #expect(pendingAfter == 2)
        }
    }

    @Test("drained only when nothing waits and nothing is pending, whatever XLEN says")
    func drainCheck() async throws {
        let keys = keys
        try await withRedisServer { server in
            let steps = try await withConnection(to: server.url()) { connection in
                let consumer = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                let settler = StreamSettler(connection: connection, keys: keys)
                var steps: [String: Bool] = [:]
                steps["missing"] = try consumer.isDrained()
                _ = try connection.command(["XADD", keys.stream, "*", "index", "0", "line", "http://h/"])
                steps["no group, one entry"] = try consumer.isDrained()
                _ = try connection.command(["DEL", keys.stream])
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(3))
                steps["enqueued"] = try consumer.isDrained()
                let read = try consumer.readNew(count: 3, block: .zero)
                steps["all pending"] = try consumer.isDrained()
                _ = try settler.settle([
                    .done(entry: read[0], record: "{}", consumer: "worker-a"),
                    .done(entry: read[1], record: "{}", consumer: "worker-a"),
                    .retry(entry: read[2], error: "reset"),
                ])
                steps["one re-added"] = try consumer.isDrained()
                let again = try consumer.readNew(count: 3, block: .zero)
                _ = try settler.settle(again.map { .done(entry: $0, record: "{}", consumer: "worker-a") })
                steps["all settled"] = try consumer.isDrained()
                steps["entries left in the stream"] = try connection.length(of: keys.stream) > 0
                _ = try connection.command(["DEL", keys.stream])
                _ = try connection.command(["SET", keys.stream, "x"])
                steps["wrong type throws"] = redisError { _ = try consumer.isDrained() }?.serverErrorCode == "WRONGTYPE"
                return steps
            }
            #expect(
                steps == [
                    "missing": true, "no group, one entry": false, "enqueued": false, "all pending": false,
                    "one re-added": false, "all settled": true, "entries left in the stream": true,
                    "wrong type throws": true,
                ])
        }
    }

    @Test("readNew reads entries in place as the copying reading does, whatever their fields")
    func readInPlaceAgreesWithCopy() async throws {
        let keys = keys
        // Each entry's fields: a few names (cfetch's, unknown ones, repeated) with values that
        // are well-formed or not for that name.
        let names = ["index", "line", "format", "failures", "error", "index", "line", "x", ""]
        let values = [
            "0", "7", "007", "+5", "-3", "99999999999999999999", "", "x", "http://h/", "url", "jsonl", "xml", "URL",
            #"{"url":"http://j/"}"#, "caf\u{E9}", "a\r\nb", "1 ", "\u{0}",
        ]
        var random = SeededGenerator(seed: 13)
        var entries: [[String]] = [
            ["index", "1", "line", "http://h/1"],
            ["index", "2", "line", "l", "format", "jsonl", "failures", "2", "error", "timeout: slow"],
            ["line", "first", "index", "3", "line", "second", "format", "url"],
            ["index", "4", "line", "l", "failures", "-1"], ["index", "5", "line", "l", "extra", "field"],
            ["index", "6", "line", ""], ["index", "7"], ["x", "y"],
        ]
        for _ in 0..<300 {
            entries.append(
                (0..<Int.random(in: 1...5, using: &random)).flatMap { _ in
                    [names.randomElement(using: &random)!, values.randomElement(using: &random)!]
                })
        }
        let written = entries
        try await withRedisServer { server in
            let (inPlace, copied) = try await withConnection(to: server.url()) { connection in
                let consumer = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                try consumer.ensureGroup()
                for fields in written { _ = try connection.command(["XADD", keys.stream, "*"] + fields) }
                var inPlace: [QueueEntry] = []
                while case let page = try consumer.readNew(count: 37, block: .zero), !page.isEmpty {
                    inPlace += page
                }
                // The same entries through XRANGE and the copying reading, deliveries 1 as well.
                return (inPlace, try consumer.ownPending(after: "0-0", count: 1_000).entries)
            }
            #expect(inPlace.count == written.count)
            #expect(inPlace.count == copied.count)
            for (position, (fast, slow)) in zip(inPlace, copied).enumerated() {
                #expect(fast == slow, "entry \(position), fields \(written[position])")
            }
            #expect(inPlace.prefix(3).map(\.isMalformed) == [false, false, false])
            #expect(inPlace[2].line == "second")
            #expect(inPlace[1].lastError == "timeout: slow")
        }
    }

    @Test("entries that are not cfetch's come back malformed, described, and settle dead")
    func malformedEntries() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (entries, outcome, dead, open) = try await withConnection(to: server.url()) { connection in
                let consumer = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                try consumer.ensureGroup()
                for fields in [
                    ["foo", "bar"], ["index", "7"], ["index", "x", "line", "http://h/"],
                    ["index", "1", "line", "http://h/", "format", "xml"], ["index", "-3", "line", "l"],
                    ["index", "2", "line", "http://ok/"],
                ] {
                    _ = try connection.command(["XADD", keys.stream, "*"] + fields)
                }
                let entries = try consumer.readNew(count: 10, block: .zero)
                let settler = StreamSettler(connection: connection, keys: keys)
                let outcome = try settler.settle(
                    entries.filter(\.isMalformed).map {
                        .dead(
                            entry: $0, error: "malformed: \($0.malformedReason ?? "")", record: "{}",
                            consumer: "worker-a", deliveries: $0.deliveries)
                    })
                return (entries, outcome, try connection.entries(of: keys.dead), try connection.openEntries(of: keys))
            }
            #expect(entries.count == 6)
            #expect(entries.map(\.isMalformed) == [true, true, true, true, true, false])
            #expect(entries.map(\.index) == [-1, 7, -1, 1, -1, 2])
            #expect(entries[0].malformedReason == "no index field, no line field")
            #expect(entries[0].line.hasSuffix(#"(no index field, no line field): foo="bar""#), "\(entries[0].line)")
            #expect(entries[1].malformedReason == "no line field")
            #expect(entries[2].malformedReason == "an index that is not a number from 0")
            #expect(entries[3].malformedReason == "an unknown format")
            #expect(entries[3].line.contains(#"format="xml""#))
            #expect(entries[4].malformedReason == "an index that is not a number from 0")
            #expect(entries.allSatisfy { $0.format == .url })
            #expect(entries[5] == QueueEntry(id: entries[5].id, index: 2, line: "http://ok/", format: .url))
            #expect(outcome == SettleOutcome(settled: 5, alreadySettled: 0, alreadySettledIDs: []))
            #expect(dead.map { $0.fields["index"] } == ["-1", "7", "-1", "1", "-1"])
            #expect(dead[1].fields["error"] == "malformed: no line field")
            #expect(open == 1)
        }
    }
}
