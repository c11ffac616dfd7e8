import FetchQueue
import RedisTestSupport
import Testing

/// The Streams commands issue 13's queue mode will use, against Redis 7, with their reply
/// shapes spelled out and parsed here (the queue's own parsing comes with the queue).
@Suite("Redis Streams reply shapes", .timeLimit(.minutes(1)))
struct RedisStreamsTests {
    /// `[id, [field, value, …]]`, one entry of XREADGROUP's or XAUTOCLAIM's answer.
    struct Entry: Equatable, CustomStringConvertible {
        var id: String
        var fields: [String: String]
        var description: String { "\(id) \(fields)" }

        init?(_ reply: RedisReply) {
            guard let pair = reply.array, pair.count == 2, let id = pair[0].string, let flat = pair[1].array,
                flat.count.isMultiple(of: 2)
            else { return nil }
            self.id = id
            var fields: [String: String] = [:]
            for index in stride(from: 0, to: flat.count, by: 2) {
                guard let name = flat[index].string, let value = flat[index + 1].string else { return nil }
                fields[name] = value
            }
            self.fields = fields
        }
    }

    /// XREADGROUP's `[[stream, [entry, …]], …]` for one stream; nil when it is not that shape.
    static func entries(readFrom reply: RedisReply, stream: String) -> [Entry]? {
        guard let streams = reply.array, streams.count == 1, let pair = streams[0].array, pair.count == 2,
            pair[0].string == stream, let entries = pair[1].array
        else { return nil }
        let parsed = entries.compactMap(Entry.init)
        return parsed.count == entries.count ? parsed : nil
    }

    /// XPENDING's extended form: `[[id, consumer, idle ms, deliveries], …]`.
    struct PendingEntry: Equatable {
        var id: String
        var consumer: String
        var idleMilliseconds: Int64
        var deliveries: Int64

        init?(_ reply: RedisReply) {
            guard let fields = reply.array, fields.count == 4, let id = fields[0].string,
                let consumer = fields[1].string, let idle = fields[2].integer, let deliveries = fields[3].integer
            else { return nil }
            self.id = id
            self.consumer = consumer
            idleMilliseconds = idle
            self.deliveries = deliveries
        }
    }

    @Test("a group claims, acknowledges, lists pending and recovers another consumer's entries")
    func consumerGroupRoundTrip() async throws {
        try await withRedisServer { server in
            try await withConnection(to: server.url()) { redis in
                // XGROUP CREATE … MKSTREAM: +OK, and the stream exists (empty).
                #expect(try redis.command(["XGROUP", "CREATE", "jobs", "cfetch", "$", "MKSTREAM"]) == .status("OK"))
                #expect(try redis.command(["XLEN", "jobs"]) == .integer(0))
                let busy = redisError { _ = try redis.command(["XGROUP", "CREATE", "jobs", "cfetch", "$"]) }
                #expect(busy?.serverErrorCode == "BUSYGROUP")

                let added = try redis.pipeline(
                    (0..<5).map { ["XADD", "jobs", "*", "index", "\($0)", "url", "http://h/\($0)"] })
                let ids = added.compactMap(\.string)
                #expect(ids.count == 5)

                // XREADGROUP GROUP g c COUNT n STREAMS key >: [[key, [[id, [f, v, …]], …]]].
                let read = try redis.command(
                    ["XREADGROUP", "GROUP", "cfetch", "worker-a", "COUNT", "3", "STREAMS", "jobs", ">"])
                let first = try #require(Self.entries(readFrom: read, stream: "jobs"), "\(read)")
                #expect(first.map(\.id) == Array(ids[0..<3]))
                #expect(first.map { $0.fields["index"] } == ["0", "1", "2"])
                #expect(first[1].fields["url"] == "http://h/1")

                // XACK: the number acknowledged (a second ack of the same id counts 0).
                #expect(try redis.command(["XACK", "jobs", "cfetch", ids[0]]) == .integer(1))
                #expect(try redis.command(["XACK", "jobs", "cfetch", ids[0]]) == .integer(0))

                // XPENDING summary: [count, smallest id, greatest id, [[consumer, "count"]]].
                let summary = try #require(try redis.command(["XPENDING", "jobs", "cfetch"]).array)
                #expect(summary.count == 4)
                #expect(summary[0] == .integer(2))
                #expect(summary[1].string == ids[1])
                #expect(summary[2].string == ids[2])
                #expect(summary[3] == .array([.array([.string(Array("worker-a".utf8)), .string(Array("2".utf8))])]))

                // XPENDING extended: [[id, consumer, idle ms, deliveries], …].
                let pending = try #require(try redis.command(["XPENDING", "jobs", "cfetch", "-", "+", "10"]).array)
                let parsed = pending.compactMap(PendingEntry.init)
                #expect(parsed.count == 2, "\(pending)")
                #expect(parsed.map(\.id) == [ids[1], ids[2]])
                #expect(
                    parsed.allSatisfy { $0.consumer == "worker-a" && $0.deliveries == 1 && $0.idleMilliseconds >= 0 })

                // An entry deleted while pending: XAUTOCLAIM reports it apart.
                #expect(try redis.command(["XDEL", "jobs", ids[2]]) == .integer(1))

                // XAUTOCLAIM key g c min-idle start COUNT n (Redis 7):
                // [next start, [[id, [f, v, …]], …], [deleted id, …]].
                let claim = try #require(
                    try redis.command(["XAUTOCLAIM", "jobs", "cfetch", "worker-b", "0", "0-0", "COUNT", "10"]).array)
                #expect(claim.count == 3, "\(claim)")
                #expect(claim[0].string == "0-0")
                let claimed = try #require(claim[1].array).compactMap(Entry.init)
                #expect(claimed.map(\.id) == [ids[1]])
                #expect(claimed.first?.fields["index"] == "1")
                #expect(claim[2] == .array([.string(Array(ids[2].utf8))]))

                // The claimed entry now belongs to worker-b, delivered twice.
                let after = try #require(try redis.command(["XPENDING", "jobs", "cfetch", "-", "+", "10"]).array)
                #expect(
                    after.compactMap(PendingEntry.init).map { [$0.consumer, "\($0.deliveries)"] } == [
                        ["worker-b", "2"]
                    ])

                // worker-b reads the rest; then nothing new is a nil reply, not an empty array.
                let rest = try redis.command(
                    ["XREADGROUP", "GROUP", "cfetch", "worker-b", "COUNT", "10", "STREAMS", "jobs", ">"])
                #expect(Self.entries(readFrom: rest, stream: "jobs")?.map(\.id) == Array(ids[3..<5]))
                let none = try redis.command(
                    ["XREADGROUP", "GROUP", "cfetch", "worker-b", "COUNT", "10", "STREAMS", "jobs", ">"])
                #expect(none == .null)

                // Acknowledged and deleted, as the queue mode will do after a record is written.
                let done = try redis.pipeline([
                    ["XACK", "jobs", "cfetch", ids[1], ids[3], ids[4]], ["XDEL", "jobs", ids[1], ids[3], ids[4]],
                ])
                #expect(done == [.integer(3), .integer(3)])
                #expect(try redis.command(["XPENDING", "jobs", "cfetch"]).array?.first == .integer(0))
            }
        }
    }
}
