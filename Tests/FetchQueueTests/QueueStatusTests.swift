import FetchQueue
import FetchTestServer
import RedisTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `QueueStatus.read` against a real redis-server: a queue that does not exist, a
/// scripted run whose every number is known, and keys of the wrong type.
@Suite("Queue status", .timeLimit(.minutes(1)))
struct QueueStatusTests {
    let keys = QueueKeys(name: "jobs")

    @Test("a queue never created is all zeros, exists false; a stream without the group too")
    func missing() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (none, streamOnly) = try await withConnection(to: server.url()) { connection in
                let none = try QueueStatus.read(connection: connection, keys: keys)
                _ = try connection.command(["XADD", keys.stream, "*", "index", "0", "line", "http://h/"])
                return (none, try QueueStatus.read(connection: connection, keys: keys))
            }
            #expect(
                none
                    == QueueStatus(
                        exists: false, lines: 0, added: 0, duplicates: 0, done: 0, retried: 0, dead: 0, waiting: 0,
                        pending: 0, results: 0, deadEntries: 0, consumers: []))
            #expect(!streamOnly.exists)
            #expect(streamOnly.waiting == 1)
            #expect(streamOnly.consumers.isEmpty)
        }
    }

    @Test("a scripted run: enqueue with duplicates, two workers, each settlement kind; every number adds up")
    func scriptedScenario() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (afterEnqueue, status) = try await withConnection(to: server.url()) { connection in
                let enqueuer = StreamEnqueuer(connection: connection, keys: keys)
                _ = try enqueuer.add(urlLines(6))
                _ = try enqueuer.add(urlLines(4, from: 4))  // 4 and 5 are duplicates
                let afterEnqueue = try QueueStatus.read(connection: connection, keys: keys)
                let a = StreamConsumer(connection: connection, keys: keys, consumer: "worker-a")
                let b = StreamConsumer(connection: connection, keys: keys, consumer: "worker-b")
                let read = try a.readNew(count: 3, block: .zero)
                _ = try b.readNew(count: 2, block: .zero)
                _ = try StreamSettler(connection: connection, keys: keys).settle([
                    .done(entry: read[0], record: "{}", consumer: "worker-a"),
                    .retry(entry: read[1], error: "reset"),
                    .dead(entry: read[2], error: "poison", record: "{}", consumer: "worker-a", deliveries: 1),
                ])
                usleep(60_000)
                _ = try b.pendingCount()
                return (afterEnqueue, try QueueStatus.read(connection: connection, keys: keys))
            }
            #expect(afterEnqueue.exists)
            #expect(afterEnqueue.lines == 10)
            #expect(afterEnqueue.added == 8)
            #expect(afterEnqueue.duplicates == 2)
            #expect(afterEnqueue.waiting == 8)
            #expect(afterEnqueue.pending == 0)
            #expect(afterEnqueue.consumers.isEmpty)

            #expect(status.exists)
            #expect(status.lines == 10)
            #expect(status.added == 8)
            #expect(status.duplicates == 2)
            #expect(status.done == 2)
            #expect(status.retried == 1)
            #expect(status.dead == 1)
            // 8 added, 5 read, 3 of them settled, 1 of those re-added: 3 never read, and the re-added one.
            #expect(status.pending == 2)
            #expect(status.waiting == 4)
            #expect(status.results == 2)
            #expect(status.deadEntries == 1)
            #expect(status.consumers.map(\.name) == ["worker-a", "worker-b"])
            #expect(status.consumers.map(\.pending) == [0, 2])
            // worker-a settled and then waited 60 ms; XPENDING does not touch a consumer's idle time.
            #expect(status.consumers.allSatisfy { $0.idle >= .milliseconds(50) }, "\(status.consumers)")
        }
    }

    @Test("waiting comes from the counters when Redis cannot tell the group's lag (an entry deleted by hand)")
    func waitingWithoutLag() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (lag, status) = try await withConnection(to: server.url()) { connection in
                _ = try StreamEnqueuer(connection: connection, keys: keys).add(urlLines(6))
                let read = try StreamConsumer(connection: connection, keys: keys, consumer: "worker-a").readNew(
                    count: 2, block: .zero)
                _ = try StreamSettler(connection: connection, keys: keys).settle([
                    .done(entry: read[0], record: "{}", consumer: "worker-a")
                ])
                // A waiting entry deleted by hand: the group's lag becomes unknown.
                let waitingIDs = try connection.entries(of: keys.stream).map(\.id).suffix(4)
                _ = try connection.command(["XDEL", keys.stream, waitingIDs.last ?? ""])
                let groups = try connection.command(["XINFO", "GROUPS", keys.stream]).array?.first?.array ?? []
                let lag = zip(groups, groups.dropFirst()).first { $0.0.string == "lag" }?.1
                return (lag, try QueueStatus.read(connection: connection, keys: keys))
            }
            #expect(lag == .null, "Redis tells the lag after all: the fallback is not exercised")
            // 6 added, 1 done, 1 pending: the counters say 4 wait (the deleted one among them).
            #expect(status.pending == 1)
            #expect(status.waiting == 4)
        }
    }

    @Test("a queue key holding something else is an error, not a status")
    func wrongType() async throws {
        let keys = keys
        try await withRedisServer { server in
            let (counts, stream) = try await withConnection(to: server.url()) { connection in
                _ = try connection.command(["SET", keys.counts, "x"])
                let counts = redisError { _ = try QueueStatus.read(connection: connection, keys: keys) }
                _ = try connection.command(["DEL", keys.counts])
                _ = try connection.command(["SET", keys.stream, "x"])
                return (counts, redisError { _ = try QueueStatus.read(connection: connection, keys: keys) })
            }
            #expect(counts?.serverErrorCode == "WRONGTYPE", "\(String(describing: counts))")
            #expect(counts?.context == "reading the status of queue jobs")
            #expect(stream?.serverErrorCode == "WRONGTYPE", "\(String(describing: stream))")
        }
    }
}
