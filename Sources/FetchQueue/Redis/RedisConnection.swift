import CHiredis
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One blocking connection to a Redis server (a hiredis context): connected with a
/// timeout, logged in (`AUTH`) and on its database (`SELECT`) before `init` returns;
/// every command bounded by the command timeout.
///
/// Not `Sendable`, and not thread-safe: a hiredis context belongs to one thread at a
/// time. The compiler keeps the connection in one isolation region (it may be handed to
/// another thread whole, as `sending`), and each call checks at run time that no other
/// call is in progress on it, stopping the process if one is: two threads interleaving
/// on one socket would mix their commands' replies silently.
///
/// After a connection-level failure (reset, timeout, EOF, protocol error) hiredis's
/// context is unusable: the connection frees it and every later call throws
/// `.notConnected` until `reconnect()` succeeds. An error reply leaves it usable.
public final class RedisConnection {
    public let url: RedisURL
    /// How long the TCP connect may take.
    public let connectTimeout: Duration
    /// How long a read or a write of a command may block (`SO_RCVTIMEO`/`SO_SNDTIMEO`).
    public let commandTimeout: Duration

    /// nil once the connection failed or was closed.
    private var context: UnsafeMutablePointer<redisContext>?
    /// Why `context` is nil: the failure that lost it, or nil after `close()`.
    private var lostBecause: RedisError?
    /// Set while a call is using `context` (see `confined`).
    private let inUse = Atomic<Bool>(false)

    /// hiredis writes with write(2): a server gone away would otherwise kill the process
    /// with SIGPIPE instead of failing the command with EPIPE (as `CurlGlobal` does for curl).
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Connects, then sends `AUTH` when `url` has a password and `SELECT` when its database
    /// is not 0. Throws `.connectRefused`/`.connectTimeout` when the server cannot be
    /// reached, `.authenticationFailed` when it refuses the login.
    public init(
        url: RedisURL, connectTimeout: Duration = .seconds(5), commandTimeout: Duration = .seconds(5)
    ) throws(RedisError) {
        precondition(connectTimeout > .zero && commandTimeout > .zero, "Redis timeouts must be positive")
        _ = Self.ignoreBrokenPipes
        self.url = url
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        try connect()
    }

    deinit {
        if let context { cfetch_redis_free(context) }
    }

    /// Whether commands can be sent: false after a connection-level failure or `close()`.
    public var isConnected: Bool { context != nil }

    /// Sends one command and waits for its reply. An error reply throws `.serverError`
    /// (or `.authenticationFailed` for `NOAUTH`/`WRONGPASS`) and keeps the connection.
    public func command(_ arguments: [String]) throws(RedisError) -> RedisReply {
        try command(arguments.map { Array($0.utf8) })
    }

    /// `command` with binary arguments (a value holding `\0` or `\r\n` is sent as is).
    public func command(_ arguments: [[UInt8]]) throws(RedisError) -> RedisReply {
        precondition(!arguments.isEmpty, "a Redis command needs at least its name")
        return try confined { () throws(RedisError) in try checked(roundTrip(arguments), of: arguments) }
    }

    /// `command`, its reply read in place by `body` instead of copied whole (a stream read's
    /// hundreds of entries, when only some of each is kept). An error reply throws, as
    /// `command`'s does, before `body` sees it.
    func command<Value>(
        _ arguments: [[UInt8]], reading body: (borrowing RedisReplyView) throws(RedisError) -> Value
    ) throws(RedisError) -> Value {
        precondition(!arguments.isEmpty, "a Redis command needs at least its name")
        return try confined { () throws(RedisError) in
            let reply = try send(arguments)
            defer { release(reply) }
            if reply.pointee.type == REDIS_REPLY_ERROR {
                _ = try checked(RedisReply(copying: reply), of: arguments)
            }
            return try RedisReplyView.reading(reply, body)
        }
    }

    /// Sends every command, then reads every reply: one round trip for all of them. Error
    /// replies come back in place (`.error`), so one refused command does not hide the
    /// others' results; a connection-level failure throws, and which commands ran is then
    /// unknown.
    public func pipeline(_ commands: [[String]]) throws(RedisError) -> [RedisReply] {
        try pipeline(commands.map { $0.map { Array($0.utf8) } })
    }

    /// `pipeline` with binary arguments.
    public func pipeline(_ commands: [[[UInt8]]]) throws(RedisError) -> [RedisReply] {
        precondition(commands.allSatisfy { !$0.isEmpty }, "a Redis command needs at least its name")
        guard !commands.isEmpty else { return [] }
        return try confined { () throws(RedisError) in try pipelined(commands) }
    }

    /// Drops the current context, if any, and connects again as `init` did (`AUTH`,
    /// `SELECT`); on failure the connection stays unconnected, to be retried.
    public func reconnect() throws(RedisError) {
        try confined { () throws(RedisError) in
            drop(because: nil)
            try connect()
        }
    }

    /// Closes the connection; later calls throw `.notConnected` until `reconnect()`.
    public func close() {
        confined { drop(because: nil) }
    }

    // MARK: - Connecting

    private func connect() throws(RedisError) {
        let doing = "connecting to \(url)"
        var savedErrno: Int32 = 0
        guard let context = cfetch_redis_connect(url.host, Int32(url.port), timeval(connectTimeout), &savedErrno)
        else {
            throw RedisError(.other, context: doing, message: "hiredis could not allocate a context")
        }
        guard context.pointee.err == 0 else {
            let error = HiredisFailure.error(of: context, errno: savedErrno, phase: .connecting, doing: doing)
            cfetch_redis_free(context)
            lostBecause = error
            throw error
        }
        guard redisSetTimeout(context, timeval(commandTimeout)) == REDIS_OK else {
            let error = HiredisFailure.error(of: context, errno: Glibc.errno, phase: .connecting, doing: doing)
            cfetch_redis_free(context)
            lostBecause = error
            throw error
        }
        // Replies built in an arena (see shim.h); out of memory, hiredis's own functions stay.
        _ = cfetch_redis_use_arena(context)
        self.context = context
        lostBecause = nil
        do {
            try logIn()
        } catch {
            drop(because: error)
            throw error
        }
    }

    /// `AUTH [USER] PASSWORD` and `SELECT DB`, as the URL asks.
    private func logIn() throws(RedisError) {
        if let password = url.password {
            let arguments = [Array("AUTH".utf8)] + (url.user.map { [Array($0.utf8)] } ?? []) + [Array(password.utf8)]
            let reply = try roundTrip(arguments, doing: "logging in to \(url)")
            if let message = reply.errorMessage {
                throw RedisError(.authenticationFailed, context: "logging in to \(url)", message: message)
            }
        }
        if url.database != 0 {
            let doing = "selecting database \(url.database) on \(url)"
            let reply = try roundTrip([Array("SELECT".utf8), Array(String(url.database).utf8)], doing: doing)
            if let message = reply.errorMessage {
                throw RedisError(Self.kind(ofErrorReply: message), context: doing, message: message)
            }
        }
    }

    // MARK: - Commands

    private func roundTrip(_ arguments: [[UInt8]], doing: String? = nil) throws(RedisError) -> RedisReply {
        let reply = try send(arguments, doing: doing)
        defer { release(reply) }
        return RedisReply(copying: reply)
    }

    /// Sends one command and returns hiredis's reply, the caller's to free.
    private func send(
        _ arguments: [[UInt8]], doing: String? = nil
    ) throws(RedisError)
        -> UnsafeMutablePointer<redisReply>
    {
        let doing = doing ?? RedisArguments.name(of: arguments)
        let context = try usableContext(doing: doing)
        try append(RedisArguments.formatted([arguments]), to: context, doing: doing)
        var savedErrno: Int32 = 0
        var reply: UnsafeMutablePointer<redisReply>?
        guard cfetch_redis_get_reply(context, &reply, &savedErrno) == REDIS_OK, let reply else {
            throw lose(context, errno: savedErrno, doing: doing)
        }
        return reply
    }

    /// Puts formatted commands in the context's output buffer (sent by the next reply's read).
    private func append(
        _ commands: [UInt8], to context: UnsafeMutablePointer<redisContext>, doing: String
    ) throws(RedisError) {
        var savedErrno: Int32 = 0
        let status = commands.withUnsafeBytes { bytes in
            cfetch_redis_append_formatted(
                context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, &savedErrno)
        }
        guard status == REDIS_OK else { throw lose(context, errno: savedErrno, doing: doing) }
    }

    private func pipelined(_ commands: [[[UInt8]]]) throws(RedisError) -> [RedisReply] {
        let doing = "pipeline of \(commands.count) commands"
        let context = try usableContext(doing: doing)
        try append(RedisArguments.formatted(commands), to: context, doing: doing)
        var savedErrno: Int32 = 0
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for (index, command) in commands.enumerated() {
            var reply: UnsafeMutablePointer<redisReply>?
            guard cfetch_redis_get_reply(context, &reply, &savedErrno) == REDIS_OK, let reply else {
                let which = "\(doing), reading reply \(index + 1) (\(RedisArguments.name(of: command)))"
                throw lose(context, errno: savedErrno, doing: which)
            }
            replies.append(RedisReply(copying: reply))
            release(reply)
        }
        return replies
    }

    /// Done with `reply`, the last one the context built: a connection reads one reply at a
    /// time, and lets go of it (its arena, shim.h) before it reads the next.
    private func release(_ reply: UnsafeMutablePointer<redisReply>) {
        // A context dropped meanwhile took its arena, and the reply in it, along.
        guard let context else { return }
        cfetch_redis_free_reply(context, reply)
    }

    /// `reply`, or the error it is, thrown.
    private func checked(_ reply: RedisReply, of arguments: [[UInt8]]) throws(RedisError) -> RedisReply {
        guard let message = reply.errorMessage else { return reply }
        throw RedisError(
            Self.kind(ofErrorReply: message), context: RedisArguments.name(of: arguments), message: message)
    }

    private static func kind(ofErrorReply message: String) -> RedisError.Kind {
        message.hasPrefix("NOAUTH ") || message.hasPrefix("WRONGPASS ") ? .authenticationFailed : .serverError
    }

    // MARK: - State

    private func usableContext(doing: String) throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        if let context { return context }
        let message =
            lostBecause.map { "the connection was lost (\($0.message)); reconnect() first" }
            ?? "the connection is closed; reconnect() first"
        throw RedisError(.notConnected, context: doing, message: message)
    }

    /// Classifies the failure of `context`, frees it, and remembers why.
    private func lose(_ context: UnsafeMutablePointer<redisContext>, errno: Int32, doing: String) -> RedisError {
        let error = HiredisFailure.error(
            of: context, errno: errno, phase: .command(timeout: commandTimeout), doing: doing)
        drop(because: error)
        return error
    }

    private func drop(because error: RedisError?) {
        if let context { cfetch_redis_free(context) }
        context = nil
        lostBecause = error
    }

    /// Runs `body` as the only call using the context; a second call meanwhile (from
    /// another thread, the connection having been smuggled past the compiler's checks) is
    /// a programming error that would corrupt both threads' replies.
    private func confined<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        guard inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            preconditionFailure("a RedisConnection was used by two threads at once; a hiredis context has one owner")
        }
        defer { inUse.store(false, ordering: .releasing) }
        return try body()
    }

    private func timeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
