import FetchQueue
import FetchTestServer
import RedisTestSupport
import Testing

/// Commands against a real redis-server the test starts: replies, binary values,
/// pipelining, databases and error replies.
@Suite("Redis connection", .timeLimit(.minutes(1)))
struct RedisConnectionTests {
    @Test("it connects and PING answers PONG")
    func ping() async throws {
        try await withRedisServer { server in
            let reply = try await withConnection(to: server.url()) { try $0.command(["PING"]) }
            #expect(reply == .status("PONG"))
            #expect(reply.string == "PONG")
        }
    }

    @Test("a value with NUL, CR and LF in it (and a binary key) comes back byte for byte")
    func binarySafe() async throws {
        let key: [UInt8] = [0x6B, 0x00, 0x0D, 0x0A, 0xFF]
        let value: [UInt8] = [0x00, 0x0D, 0x0A, 0x24, 0x33, 0x0D, 0x0A, 0xFE, 0x00] + Array("tail\r\n".utf8)
        try await withRedisServer { server in
            let (set, got, length, missing, empty) = try await withConnection(to: server.url()) { connection in
                (
                    try connection.command([Array("SET".utf8), key, value]),
                    try connection.command([Array("GET".utf8), key]),
                    try connection.command([Array("STRLEN".utf8), key]),
                    try connection.command(["GET", "no such key"]),
                    try connection.command([Array("SET".utf8), Array("empty".utf8), []])
                )
            }
            #expect(set == .status("OK"))
            #expect(got == .string(value))
            #expect(got.bytes == value)
            #expect(length.integer == Int64(value.count))
            #expect(missing == .null)
            #expect(missing.isNull)
            #expect(empty == .status("OK"))
        }
    }

    @Test("a pipeline of 1,000 XADDs is one round trip, answers 1,000 ids in order, and XLEN is 1000")
    func pipelinedXAdd() async throws {
        try await withRedisServer { server in
            let (replies, length, reads) = try await withConnection(to: server.url()) { connection in
                let commands = (0..<1000).map { ["XADD", "urls", "*", "index", "\($0)", "url", "http://h/\($0)"] }
                let readsBefore = try Self.readsProcessed(connection)
                let replies = try connection.pipeline(commands)
                let reads = try Self.readsProcessed(connection) - readsBefore
                return (replies, try connection.command(["XLEN", "urls"]), reads)
            }
            #expect(replies.count == 1000)
            let ids = replies.compactMap(\.string)
            #expect(ids.count == 1000, "\(replies.prefix(3))")
            #expect(ids == ids.sorted { StreamID($0) < StreamID($1) })
            #expect(Set(ids).count == 1000)
            #expect(length == .integer(1000))
            // Sent one by one, each command would cost the server a read of its own: all
            // in one go, the ~70 kB arrive in a handful of reads (plus INFO's own).
            #expect(reads < 50, "the server read \(reads) times for 1,000 pipelined commands")
        }
    }

    /// The server's `total_reads_processed` (INFO stats): socket reads it has handled.
    static func readsProcessed(_ connection: RedisConnection) throws -> Int {
        let info = try connection.command(["INFO", "stats"]).string ?? ""
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("total_reads_processed:") }
        return try #require(line.flatMap { Int($0.dropFirst("total_reads_processed:".count)) }, "\(info)")
    }

    @Test(
        "replies of every shape and size, one after another and pipelined, come back whole (replies built in an arena)")
    func repliesOfEveryShape() async throws {
        try await withRedisServer { server in
            try await withConnection(to: server.url()) { connection in
                // Bigger than one arena block (64 KiB), and many small ones in one reply.
                let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
                _ = try connection.command([Array("SET".utf8), Array("big".utf8), big])
                let items = (0..<5_000).map { "item-\($0)" }
                _ = try connection.command(["RPUSH", "list"] + items)
                _ = try connection.command(["XADD", "s", "1-1", "a", "x", "b", ""])
                for round in 0..<3 {
                    #expect(try connection.command(["GET", "big"]).bytes == big, "round \(round)")
                    #expect(try connection.command(["LRANGE", "list", "0", "-1"]).array?.compactMap(\.string) == items)
                    let replies = try connection.pipeline([
                        ["GET", "missing"], ["LRANGE", "list", "0", "2"], ["INCR", "counter"], ["XLEN", "s"],
                        ["HGET", "big", "field"], ["XRANGE", "s", "-", "+"], ["PING"], ["LRANGE", "empty", "0", "-1"],
                        ["GET", "big"],
                    ])
                    #expect(replies[0] == .null)
                    #expect(replies[1].array?.compactMap(\.string) == ["item-0", "item-1", "item-2"])
                    #expect(replies[2] == .integer(Int64(round + 1)))
                    #expect(replies[3] == .integer(1))
                    #expect(replies[4].errorMessage?.hasPrefix("WRONGTYPE") == true)
                    #expect(
                        replies[5]
                            == .array([
                                .array([
                                    .string(Array("1-1".utf8)),
                                    .array([
                                        .string(Array("a".utf8)), .string(Array("x".utf8)), .string(Array("b".utf8)),
                                        .string([]),
                                    ]),
                                ])
                            ]))
                    #expect(replies[6] == .status("PONG"))
                    #expect(replies[7] == .array([]))
                    #expect(replies[8].bytes == big)
                }
            }
        }
    }

    @Test("an empty pipeline sends nothing and answers nothing")
    func emptyPipeline() async throws {
        try await withRedisServer { server in
            let (replies, ping) = try await withConnection(to: server.url()) { connection in
                (try connection.pipeline([[String]]()), try connection.command(["PING"]))
            }
            #expect(replies.isEmpty)
            #expect(ping == .status("PONG"))
        }
    }

    @Test("an error reply is a RedisError with the server's words, and the connection goes on")
    func errorReplyKeepsConnection() async throws {
        try await withRedisServer { server in
            let (noGroup, wrongType, after, connected) = try await withConnection(to: server.url()) { connection in
                let noGroup = redisError {
                    _ = try connection.command(["XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "nope", ">"])
                }
                _ = try connection.command(["SET", "plain", "x"])
                let wrongType = redisError { _ = try connection.command(["XADD", "plain", "*", "f", "v"]) }
                return (noGroup, wrongType, try connection.command(["GET", "plain"]), connection.isConnected)
            }
            let group = try #require(noGroup)
            #expect(group.kind == .serverError)
            #expect(group.serverErrorCode == "NOGROUP")
            #expect(group.message.hasPrefix("NOGROUP No such key 'nope'"), "\(group)")
            #expect(group.context == "XREADGROUP")
            #expect(!group.isConnectionLost)
            let type = try #require(wrongType)
            #expect(type.kind == .serverError)
            #expect(type.serverErrorCode == "WRONGTYPE")
            #expect("\(type)".hasPrefix("XADD: WRONGTYPE Operation against a key holding the wrong kind of value"))
            #expect(after == .string(Array("x".utf8)))
            #expect(connected)
        }
    }

    @Test("in a pipeline an error reply stays in its place among the others")
    func pipelineErrorInPlace() async throws {
        try await withRedisServer { server in
            let replies = try await withConnection(to: server.url()) { connection in
                try connection.pipeline([["SET", "k", "v"], ["LPUSH", "k", "x"], ["GET", "k"], ["INCR", "counter"]])
            }
            #expect(replies.count == 4)
            #expect(replies[0] == .status("OK"))
            #expect(replies[1].errorMessage?.hasPrefix("WRONGTYPE ") == true, "\(replies[1])")
            #expect(replies[2].string == "v")
            #expect(replies[3] == .integer(1))
        }
    }

    @Test("SELECT from the URL's /3: keys there are not in database 0, and back")
    func selectIsolates() async throws {
        try await withRedisServer { server in
            let (inThree, seenFromZero) = try await withConnection(to: server.url(database: 3)) { three in
                _ = try three.command(["SET", "only-in-3", "yes"])
                let zero = try RedisConnection(url: server.url(), commandTimeout: .seconds(5))
                defer { zero.close() }
                _ = try zero.command(["SET", "only-in-0", "yes"])
                return (
                    [try three.command(["GET", "only-in-3"]), try three.command(["GET", "only-in-0"])],
                    [try zero.command(["GET", "only-in-3"]), try zero.command(["GET", "only-in-0"])]
                )
            }
            #expect(inThree == [.string(Array("yes".utf8)), .null])
            #expect(seenFromZero == [.null, .string(Array("yes".utf8))])
        }
    }

    @Test("a database past the server's 16 is refused at connect with the server's reason")
    func selectOutOfRange() async throws {
        try await withRedisServer { server in
            let error = try await onOwnThread {
                redisError { _ = try RedisConnection(url: server.url(database: 99)) }
            }
            let refused = try #require(error)
            #expect(refused.kind == .serverError)
            #expect(refused.message.contains("DB index is out of range"), "\(refused)")
            #expect(refused.context.hasPrefix("selecting database 99 on redis://127.0.0.1:"))
        }
    }
}

/// A stream entry id, `MILLISECONDS-SEQUENCE`, ordered as Redis orders them.
struct StreamID: Comparable {
    var milliseconds: UInt64
    var sequence: UInt64

    init(_ text: String) {
        let parts = text.split(separator: "-")
        milliseconds = UInt64(parts.first ?? "") ?? 0
        sequence = parts.count > 1 ? UInt64(parts[1]) ?? 0 : 0
    }

    static func < (lhs: StreamID, rhs: StreamID) -> Bool {
        (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence)
    }
}
