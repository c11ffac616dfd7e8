import FetchQueue
import FetchTestServer
import Foundation
import RedisTestSupport

/// What the queue tests read back from Redis, with a connection opened per call on a
/// thread of its own (a connection belongs to one thread).
struct QueueProbe: Sendable {
    let url: RedisURL
    var key = "cfetch"

    /// `--queue URL --queue-key KEY`.
    var options: [String] { ["--queue", "redis://127.0.0.1:\(url.port)", "--queue-key", key] }

    func command(_ arguments: [String]) async throws -> RedisReply {
        try await onOwnThread {
            let connection = try RedisConnection(url: url)
            defer { connection.close() }
            return try connection.command(arguments)
        }
    }

    func length(_ stream: String) async throws -> Int {
        Int(try await command(["XLEN", stream]).integer ?? -1)
    }

    /// Every entry of `stream`, as field → value.
    func entries(_ stream: String) async throws -> [[String: String]] {
        guard let entries = try await command(["XRANGE", stream, "-", "+"]).array else { return [] }
        return entries.compactMap { entry in
            guard let pair = entry.array, pair.count == 2, let flat = pair[1].array else { return nil }
            var fields: [String: String] = [:]
            for index in stride(from: 0, to: flat.count - 1, by: 2) {
                if let name = flat[index].string, let value = flat[index + 1].string { fields[name] = value }
            }
            return fields
        }
    }

    /// The records of the results stream, parsed.
    func results() async throws -> [JSONRecord] {
        try await entries("\(key):results").compactMap { $0["record"] }.map { try JSONRecord(line: $0) }
    }
}

func withQueue<T: Sendable>(
    persistent: Bool = false, _ body: (RedisServerProcess, QueueProbe) async throws -> T
) async throws -> T {
    try await withRedisServer(persistent: persistent) { server in
        try await body(server, QueueProbe(url: server.url()))
    }
}
