/// A Lua script the queue runs on the server, where it is atomic: no other client's
/// command runs between its commands, so a batch of lines or of settlements is applied
/// whole.
///
/// Loaded once with `SCRIPT LOAD` and then called by its SHA1 (`EVALSHA`): a batch then
/// carries its arguments, not the script's text. A server that restarted, or was told
/// `SCRIPT FLUSH`, has forgotten the script and answers `NOSCRIPT` without running it:
/// the script is loaded again and those calls repeated, once.
///
/// A value kept by the one object that owns the connection (not shared): its SHA1 is a
/// cache, filled on the first call.
struct RedisScript {
    /// One call's keys and arguments.
    struct Call {
        var keys: [String]
        var arguments: [[UInt8]]
    }

    /// Names the script in error messages ("the enqueue script").
    let name: String
    let source: String
    /// The SHA1 `SCRIPT LOAD` answered, once loaded.
    private(set) var sha: String?

    init(name: String, source: String) {
        self.name = name
        self.source = source
    }

    /// Runs the script once per call, all calls in one pipeline (one round trip), and
    /// answers their replies in order. An error reply other than `NOSCRIPT` (the script
    /// failed: a key of the wrong type, the server out of memory) is thrown, the other
    /// calls having run; a connection-level failure throws, and which calls ran is then
    /// unknown.
    mutating func run(_ calls: [Call], on connection: RedisConnection) throws(RedisError) -> [RedisReply] {
        guard !calls.isEmpty else { return [] }
        var sha: String
        if let loaded = self.sha { sha = loaded } else { sha = try load(on: connection) }
        var replies = try connection.pipeline(calls.map { command(sha: sha, $0) })
        let forgotten = replies.indices.filter { replies[$0].errorMessage?.hasPrefix("NOSCRIPT") == true }
        if !forgotten.isEmpty {
            sha = try load(on: connection)
            let again = try connection.pipeline(forgotten.map { command(sha: sha, calls[$0]) })
            for (position, reply) in zip(forgotten, again) {
                replies[position] = reply
            }
        }
        if let message = replies.lazy.compactMap(\.errorMessage).first {
            throw RedisError(.serverError, context: "EVALSHA (\(name))", message: message)
        }
        return replies
    }

    /// `run` for one call.
    mutating func run(_ call: Call, on connection: RedisConnection) throws(RedisError) -> RedisReply {
        try run([call], on: connection)[0]
    }

    /// `SCRIPT LOAD`, remembering the SHA1 it answers.
    private mutating func load(on connection: RedisConnection) throws(RedisError) -> String {
        let reply = try connection.command(["SCRIPT", "LOAD", source])
        guard let sha = reply.string, !sha.isEmpty else {
            throw RedisError(.other, context: "SCRIPT LOAD (\(name))", message: "unexpected reply \(reply)")
        }
        self.sha = sha
        return sha
    }

    private func command(sha: String, _ call: Call) -> [[UInt8]] {
        var command: [[UInt8]] = []
        command.reserveCapacity(3 + call.keys.count + call.arguments.count)
        command.append(Array("EVALSHA".utf8))
        command.append(Array(sha.utf8))
        command.append(Array(String(call.keys.count).utf8))
        for key in call.keys { command.append(Array(key.utf8)) }
        command.append(contentsOf: call.arguments)
        return command
    }
}
