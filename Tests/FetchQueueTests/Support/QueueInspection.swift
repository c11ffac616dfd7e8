import FetchQueue
import Testing

/// What a queue's keys hold, read with plain commands: the tests check what the stream
/// layer wrote without going through the code under test.
extension RedisConnection {
    /// Every entry of the stream `key`, in order (`XRANGE key - +`).
    func entries(of key: String) throws -> [RedisStreamsTests.Entry] {
        let reply = try command(["XRANGE", key, "-", "+"])
        let entries = reply.array ?? []
        let parsed = entries.compactMap(RedisStreamsTests.Entry.init)
        #expect(parsed.count == entries.count, "unparsed entries in \(key): \(reply)")
        return parsed
    }

    /// The counters of `K:counts`, by name (`HGETALL`).
    func counts(of keys: QueueKeys) throws -> [String: Int] {
        let flat = try command(["HGETALL", keys.counts]).array ?? []
        var counts: [String: Int] = [:]
        for position in stride(from: 0, to: flat.count - 1, by: 2) {
            counts[flat[position].string ?? "?"] = flat[position + 1].string.flatMap { Int($0) }
        }
        return counts
    }

    /// `XLEN key`.
    func length(of key: String) throws -> Int {
        Int(try command(["XLEN", key]).integer ?? -1)
    }

    /// Redis's own `sha1hex` of `text`: the member the enqueue script keeps in `K:seen`.
    func sha1hex(_ text: String) throws -> String {
        try command(["EVAL", "return redis.sha1hex(ARGV[1])", "0", text]).string ?? ""
    }
}

/// `count` URL lines `http://h/<first + i>` of the format `.url`, each its own dedup key.
func urlLines(_ count: Int, from first: Int = 0, dedup: Bool = true) -> [EnqueueLine] {
    (first..<first + count).map { number in
        let url = "http://h/\(number)"
        return EnqueueLine(line: url, format: .url, dedupKey: dedup ? url : nil)
    }
}
