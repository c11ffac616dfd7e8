import ArgumentParser
import FetchKit
import FetchQueue

/// Which Redis server and which queue on it: `--queue redis://…` and `--queue-key`, the
/// same for `enqueue`, `fetch --queue` and `queue status|results`.
struct QueueOptions: ParsableArguments {
    @Option(
        name: .customLong("queue"),
        help: ArgumentHelp(
            "The Redis server that holds the queue: redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] (port 6379, "
                + "database 0 by default).",
            valueName: "redis-url"))
    var url: String?

    @Option(
        name: .customLong("queue-key"),
        help: ArgumentHelp(
            "The queue's name: its stream is KEY, its results KEY:results, its dead letters KEY:dead "
                + "(default: cfetch).",
            valueName: "KEY"))
    var key = "cfetch"

    func validate() throws {
        if let url { _ = try Self.parse(url) }
        guard !key.isEmpty else { throw ValidationError("--queue-key must not be empty") }
    }

    /// The server's URL, which the command requires.
    func requiredURL(for command: String) throws(ValidationError) -> RedisURL {
        guard let url else {
            throw ValidationError("\(command) needs --queue redis://HOST[:PORT][/DB], the Redis server of the queue")
        }
        return try Self.parse(url)
    }

    var keys: QueueKeys { QueueKeys(name: key) }

    /// A connection to the queue's server, which `command` requires: a server that cannot
    /// be reached, or refuses the login, is a usage error (exit 2), as an unreadable LIST is.
    func connect(for command: String) throws -> RedisConnection {
        let url = try requiredURL(for: command)
        do {
            return try RedisConnection(url: url)
        } catch {
            throw UsageError("cannot use the queue: \(error)")
        }
    }

    /// `ps` must not show the Redis password: overwritten in the argument vector, as `-u`'s.
    func hidePasswordFromProcessList() {
        if let url { PasswordArgument.hide(inURL: url) }
    }

    private static func parse(_ text: String) throws(ValidationError) -> RedisURL {
        do {
            return try RedisURL(parsing: text)
        } catch {
            throw ValidationError("--queue: \(error)")
        }
    }
}
