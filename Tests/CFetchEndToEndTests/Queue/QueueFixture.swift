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

    /// Entries of the queue still to be settled: pending in the group, and waiting after
    /// its last-delivered id (`lag`), from `XINFO GROUPS`; -1 without the group. Settled
    /// entries stay in the stream until their node is trimmed, so `XLEN` does not tell.
    func openEntries() async throws -> Int {
        let reply = try await command(["XINFO", "GROUPS", key])
        guard let group = ConsumerGroupInfo.named(QueueKeys.group, in: reply), let lag = group.lag else { return -1 }
        return group.pending + lag
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

    /// The queue's state in Redis's words, for a failure message: the group, what is
    /// pending and under whom, the consumers, the counters, the stream's length.
    func describe() async -> String {
        var lines: [String] = []
        for arguments in [
            ["XINFO", "GROUPS", key], ["XPENDING", key, QueueKeys.group], ["XINFO", "CONSUMERS", key, QueueKeys.group],
            ["HGETALL", "\(key):counts"], ["XLEN", key], ["XPENDING", key, QueueKeys.group, "-", "+", "5"],
        ] {
            let answer = (try? await command(arguments)).map { "\($0)" } ?? "(no answer)"
            lines.append("\(arguments.joined(separator: " ")): \(answer)")
        }
        return lines.joined(separator: "\n")
    }

    /// The records of the results stream, parsed: each entry's `records`, JSON lines (the
    /// settler writes one entry per settle call).
    func results() async throws -> [JSONRecord] {
        try await entries("\(key):results").flatMap { entry in
            try (entry["records"] ?? "").split(separator: "\n").map { try JSONRecord(line: String($0)) }
        }
    }
}

func withQueue<T: Sendable>(
    persistent: Bool = false, _ body: (RedisServerProcess, QueueProbe) async throws -> T
) async throws -> T {
    try await withRedisServer(persistent: persistent) { server in
        try await body(server, QueueProbe(url: server.url()))
    }
}
