import FetchQueue
import FetchTestServer
import RedisTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `StreamEnqueuer` against a real redis-server: indexes, de-duplication, what the work
/// stream's entries hold, the script forgotten and reloaded, and a volume that shows the
/// pipelining pays.
@Suite("Stream enqueuer", .timeLimit(.minutes(1)))
struct StreamEnqueuerTests {
    let keys = QueueKeys(name: "jobs")

    @Test("the keys are the queue's name and its suffixes; the group is cfetch")
    func keyNames() {
        let keys = QueueKeys(name: "crawl:1")
        #expect(keys.name == "crawl:1")
        #expect(keys.stream == "crawl:1")
        #expect(keys.seen == "crawl:1:seen")
        #expect(keys.counts == "crawl:1:counts")
        #expect(keys.results == "crawl:1:results")
        #expect(keys.dead == "crawl:1:dead")
        #expect(QueueKeys.group == "cfetch")
        #expect(keys == QueueKeys(name: "crawl:1"))
    }

    @Test("lines take consecutive indexes across batches, in order, with their line and format")
    func indexesAcrossBatches() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (outcomes, entries, counts) = try await withConnection(to: server.url()) { connection in
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                let outcomes = [
                    try enqueuer.add(urlLines(3)),
                    try enqueuer.add([EnqueueLine(line: #"{"url":"http://j/"}"#, format: .jsonl, dedupKey: nil)]),
                    try enqueuer.add(urlLines(2, from: 3)),
                ]
                return (outcomes, try connection.entries(of: keys.stream), try connection.counts(of: keys))
            }
            #expect(
                outcomes == [
                    EnqueueOutcome(added: 3, duplicates: 0, firstIndex: 0),
                    EnqueueOutcome(added: 1, duplicates: 0, firstIndex: 3),
                    EnqueueOutcome(added: 2, duplicates: 0, firstIndex: 4),
                ])
            #expect(entries.map { $0.fields["index"] } == ["0", "1", "2", "3", "4", "5"])
            #expect(entries[0].fields == ["index": "0", "line": "http://h/0", "format": "url"])
            #expect(entries[3].fields == ["index": "3", "line": #"{"url":"http://j/"}"#, "format": "jsonl"])
            #expect(entries[5].fields["line"] == "http://h/4")
            #expect(counts == ["lines": 6, "added": 6])
        }
    }

    @Test("two enqueuers on one queue never hand out the same index")
    func twoEnqueuers() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (first, second, indexes, lines) = try await withConnection(to: server.url()) { connection in
                let other = try RedisConnection(url: server.url())
                defer { other.close() }
                let one = StreamEnqueuer(connection: connection, keys: keys)
                let two = StreamEnqueuer(connection: other, keys: keys)
                var first: [EnqueueOutcome] = []
                var second: [EnqueueOutcome] = []
                for round in 0..<5 {
                    first.append(try one.add(urlLines(4, from: 100 * round)))
                    second.append(try two.add(batches: [urlLines(3, from: 100 * round + 50), urlLines(2, from: 1000)]))
                }
                let indexes = try connection.entries(of: keys.stream).compactMap {
                    $0.fields["index"].flatMap { Int($0) }
                }
                return (first, second, indexes, try connection.counts(of: keys)["lines"])
            }
            // Each batch's indexes follow the previous batch's, whoever sent it: 4, then 3 + 2.
            #expect(first.map(\.firstIndex) == [0, 9, 18, 27, 36])
            #expect(second.map(\.firstIndex) == [4, 13, 22, 31, 40])
            // The second batch of `two` repeats the same two URLs each round: added once.
            #expect(second.map(\.duplicates) == [0, 2, 2, 2, 2])
            #expect(indexes == indexes.sorted())
            #expect(Set(indexes).count == indexes.count)
            #expect(lines == 45)
        }
    }

    @Test("a line whose dedup key was enqueued before is skipped and counted, its index taken all the same")
    func duplicatesSkipped() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (outcomes, entries, counts, seen, digest) = try await withConnection(to: server.url()) { connection in
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                let lines = [
                    EnqueueLine(line: "http://a/", format: .url, dedupKey: "http://a/"),
                    EnqueueLine(line: "http://b/", format: .url, dedupKey: "http://b/"),
                    // The same key as the first, in the same batch.
                    EnqueueLine(line: "http://a/#again", format: .url, dedupKey: "http://a/"),
                    // An empty key is a key: a second empty key is a duplicate.
                    EnqueueLine(line: "empty key", format: .url, dedupKey: ""),
                    EnqueueLine(line: "empty key again", format: .url, dedupKey: ""),
                ]
                let outcomes = [
                    try enqueuer.add(lines),
                    try enqueuer.add([EnqueueLine(line: "http://b/", format: .url, dedupKey: "http://b/")]),
                ]
                let seen = Set(try connection.command(["SMEMBERS", keys.seen]).array?.compactMap(\.string) ?? [])
                return (
                    outcomes, try connection.entries(of: keys.stream), try connection.counts(of: keys), seen,
                    [
                        try connection.sha1hex("http://a/"), try connection.sha1hex("http://b/"),
                        try connection.sha1hex(""),
                    ]
                )
            }
            #expect(
                outcomes == [
                    EnqueueOutcome(added: 3, duplicates: 2, firstIndex: 0),
                    EnqueueOutcome(added: 0, duplicates: 1, firstIndex: 5),
                ])
            #expect(entries.map { $0.fields["index"] } == ["0", "1", "3"])
            #expect(entries.map { $0.fields["line"] } == ["http://a/", "http://b/", "empty key"])
            #expect(counts == ["lines": 6, "added": 3, "duplicates": 3])
            #expect(seen == Set(digest))
        }
    }

    @Test("a line without a dedup key is never skipped, and leaves no digest")
    func noDedupKey() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (outcome, length, seen) = try await withConnection(to: server.url()) { connection in
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                let same = Array(repeating: EnqueueLine(line: "http://a/", format: .url, dedupKey: nil), count: 4)
                _ = try enqueuer.add([EnqueueLine(line: "http://a/", format: .url, dedupKey: "http://a/")])
                return (
                    try enqueuer.add(batches: [same, same]), try connection.length(of: keys.stream),
                    try connection.command(["SCARD", keys.seen])
                )
            }
            #expect(outcome == EnqueueOutcome(added: 8, duplicates: 0, firstIndex: 1))
            #expect(length == 9)
            #expect(seen == .integer(1))
        }
    }

    @Test("spaces, quotes, backslashes, unicode, control characters and a 60 kB line come back as given")
    func binaryishLines() async throws {
        let keys = keys
        let long = String(repeating: "0123456789abcdef", count: 60 * 1024 / 16) + "ü"
        let texts = [
            "http://h/a path with spaces?q=\"quoted\"&r='single'",
            #"{"url": "http://h/é", "headers": {"X-Quote": "a \"b\" \\ c"}}"#,
            "日本語/😀 tab\tcr\rlf-less nul\u{0} end",
            "",
            long,
        ]
        try await withRedisServer { server in
            let (outcome, lines) = try await withConnection(to: server.url()) { connection in
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                let outcome = try enqueuer.add(texts.map { EnqueueLine(line: $0, format: .jsonl, dedupKey: $0) })
                // Byte for byte: read as bytes, not through the test's string parsing.
                let reply = try connection.command(["XRANGE", keys.stream, "-", "+"])
                let lines = (reply.array ?? []).map { entry in
                    let fields = entry.array?[1].array ?? []
                    let at = fields.firstIndex { $0.string == "line" } ?? fields.count
                    return at + 1 < fields.count ? fields[at + 1].bytes ?? [] : []
                }
                return (outcome, lines)
            }
            #expect(outcome == EnqueueOutcome(added: 5, duplicates: 0, firstIndex: 0))
            #expect(lines == texts.map { Array($0.utf8) })
        }
    }

    @Test("the group exists before the first line, and an existing group is kept")
    func groupCreated() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (groups, delivered) = try await withConnection(to: server.url()) { connection in
                // A worker's group made first, with an entry delivered: the enqueuer keeps it.
                _ = try connection.command(["XGROUP", "CREATE", keys.stream, QueueKeys.group, "$", "MKSTREAM"])
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(2))
                _ = try connection.command([
                    "XREADGROUP", "GROUP", QueueKeys.group, "w", "COUNT", "1", "STREAMS", keys.stream, ">",
                ])
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(1, from: 2))
                let groups = try connection.command(["XINFO", "GROUPS", keys.stream]).array ?? []
                let summary = try connection.command(["XPENDING", keys.stream, QueueKeys.group]).array ?? []
                return (groups.count, summary.first)
            }
            #expect(groups == 1)
            #expect(delivered == .integer(1))
        }
    }

    @Test("an empty enqueue adds nothing and answers the next index")
    func emptyAdd() async throws {
        let keys = keys
        try await withRedisServer { server in
            let outcomes = try await withConnection(to: server.url()) { connection in
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                return [
                    try enqueuer.add([]), try enqueuer.add(urlLines(2)), try enqueuer.add([]),
                    try enqueuer.add(batches: [[], []]),
                ]
            }
            #expect(
                outcomes == [
                    EnqueueOutcome(added: 0, duplicates: 0, firstIndex: 0),
                    EnqueueOutcome(added: 2, duplicates: 0, firstIndex: 0),
                    EnqueueOutcome(added: 0, duplicates: 0, firstIndex: 2),
                    EnqueueOutcome(added: 0, duplicates: 0, firstIndex: 2),
                ])
        }
    }

    @Test("after SCRIPT FLUSH the script is loaded again, for one batch and for a pipeline of them")
    func scriptFlushed() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (outcomes, length) = try await withConnection(to: server.url()) { connection in
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                var outcomes = [try enqueuer.add(urlLines(2))]
                _ = try connection.command(["SCRIPT", "FLUSH"])
                outcomes.append(try enqueuer.add(urlLines(2, from: 2)))
                _ = try connection.command(["SCRIPT", "FLUSH"])
                outcomes.append(try enqueuer.add(batches: [urlLines(2, from: 4), urlLines(2, from: 6)]))
                return (outcomes, try connection.length(of: keys.stream))
            }
            #expect(
                outcomes == [
                    EnqueueOutcome(added: 2, duplicates: 0, firstIndex: 0),
                    EnqueueOutcome(added: 2, duplicates: 0, firstIndex: 2),
                    EnqueueOutcome(added: 4, duplicates: 0, firstIndex: 4),
                ])
            #expect(length == 8)
        }
    }

    @Test("the server restarts empty: after reconnect() the enqueuer starts over, the group made again")
    func serverRestarted() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (outcome, groups) = try await onOwnThread {
                let connection = try RedisConnection(url: server.url(), connectTimeout: .seconds(1))
                defer { connection.close() }
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                _ = try enqueuer.add(urlLines(3))
                server.stop()
                try server.start()
                var attempts = 0
                while true {
                    attempts += 1
                    do {
                        try connection.reconnect()
                        break
                    } catch let error as RedisError where error.isConnectionLost && attempts < 50 {
                        usleep(20_000)
                    }
                }
                let outcome = try enqueuer.add(urlLines(3))
                return (outcome, try connection.command(["XINFO", "GROUPS", keys.stream]).array?.count)
            }
            // Persistence is off: the counters, digests and script are gone with the old process.
            #expect(outcome == EnqueueOutcome(added: 3, duplicates: 0, firstIndex: 0))
            #expect(groups == 1)
        }
    }

    @Test("20,000 lines in batches of 1,000, pipelined ten at a time: all there, in order")
    func volume() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (outcome, elapsed, length, last, memory) = try await withConnection(to: server.url()) { connection in
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                let start = ContinuousClock.now
                var total = EnqueueOutcome(added: 0, duplicates: 0, firstIndex: 0)
                for group in 0..<2 {
                    let batches = (0..<10).map { urlLines(1000, from: 10_000 * group + 1000 * $0) }
                    let outcome = try enqueuer.add(batches: batches)
                    total.added += outcome.added
                    total.duplicates += outcome.duplicates
                }
                let elapsed = ContinuousClock.now - start
                let last = try connection.command(["XREVRANGE", keys.stream, "+", "-", "COUNT", "1"])
                let memory = try connection.command(["MEMORY", "USAGE", keys.stream]).integer ?? 0
                return (total, elapsed, try connection.length(of: keys.stream), last, memory)
            }
            print("enqueued 20,000 lines in \(elapsed); the stream takes \(memory / 1024) kB in Redis")
            #expect(outcome == EnqueueOutcome(added: 20_000, duplicates: 0, firstIndex: 0))
            #expect(length == 20_000)
            let lastEntry = try #require(last.array?.first.flatMap(RedisStreamsTests.Entry.init))
            #expect(lastEntry.fields == ["index": "19999", "line": "http://h/19999", "format": "url"])
        }
    }
}
