import FetchQueue
import FetchTestServer
import Foundation
import RedisTestSupport
import Testing

/// What goes wrong between cfetch and Redis, each as a `RedisError` of its own kind, soon:
/// nobody listening, nobody answering, a refused login, a server that went away.
@Suite("Redis connection failures", .timeLimit(.minutes(1)))
struct RedisFailureTests {
    @Test("nothing listening: connection refused, at once")
    func refused() async throws {
        let port = try LoopbackSocket.freePort()
        let (error, elapsed) = try await timed {
            redisError { _ = try RedisConnection(url: RedisURL(host: "127.0.0.1", port: port)) }
        }
        let refused = try #require(error)
        #expect(refused.kind == .connectRefused)
        #expect(refused.errno == ECONNREFUSED)
        #expect(refused.isConnectionLost)
        #expect("\(refused)" == "connecting to redis://127.0.0.1:\(port)/0: Connection refused")
        #expect(elapsed < .seconds(1))
    }

    @Test("a listener whose backlog is full: the connect times out within its timeout")
    func connectTimeout() async throws {
        let listener = try SilentListener(backlogFull: true)
        let (error, elapsed) = try await timed {
            redisError {
                _ = try RedisConnection(
                    url: RedisURL(host: "127.0.0.1", port: listener.port), connectTimeout: .milliseconds(300))
            }
        }
        let timedOut = try #require(error)
        #expect(timedOut.kind == .connectTimeout, "\(timedOut)")
        #expect(timedOut.errno == ETIMEDOUT)
        #expect(timedOut.isConnectionLost)
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(2), "\(elapsed)")
    }

    @Test("a server that accepts but never answers: the command times out, and the connection is broken")
    func commandTimeout() async throws {
        let listener = try SilentListener()
        let (errors, elapsed, connected) = try await onOwnThread {
            let connection = try RedisConnection(
                url: RedisURL(host: "127.0.0.1", port: listener.port), commandTimeout: .milliseconds(300))
            let start = ContinuousClock.now
            let first = redisError { _ = try connection.command(["PING"]) }
            let elapsed = ContinuousClock.now - start
            let second = redisError { _ = try connection.pipeline([["PING"]]) }
            return ([first, second], elapsed, connection.isConnected)
        }
        let timedOut = try #require(errors[0])
        #expect(timedOut.kind == .commandTimeout, "\(timedOut)")
        #expect(timedOut.isConnectionLost)
        #expect(timedOut.errno == EAGAIN)
        #expect("\(timedOut)".hasPrefix("PING: no reply within 0.3 seconds"), "\(timedOut)")
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(2), "\(elapsed)")
        #expect(!connected)
        // Broken: the next call fails at once, saying why, until reconnect().
        let broken = try #require(errors[1])
        #expect(broken.kind == .notConnected)
        #expect(broken.message.contains("no reply within 0.3 seconds") && broken.message.contains("reconnect()"))
    }

    @Test("a wrong password is an authentication error; the right one logs in; none gets NOAUTH")
    func password() async throws {
        try await withRedisServer(password: "right-Pw7") { server in
            var wrong = server.url()
            wrong.password = "wrong"
            let refused = try await onOwnThread { [wrong] in redisError { _ = try RedisConnection(url: wrong) } }
            let login = try #require(refused)
            #expect(login.kind == .authenticationFailed)
            #expect(login.serverErrorCode == "WRONGPASS", "\(login)")
            #expect(!login.isConnectionLost)
            #expect(!"\(login)".contains("wrong\""))
            #expect("\(login)".hasPrefix("logging in to redis://:***@127.0.0.1:\(server.port)/0: WRONGPASS"))

            #expect(try await withConnection(to: server.url()) { try $0.command(["PING"]) } == .status("PONG"))

            var anonymous = server.url()
            anonymous.password = nil
            let noAuth = try await withConnection(to: anonymous) { connection in
                redisError { _ = try connection.command(["GET", "k"]) }
            }
            #expect(noAuth?.kind == .authenticationFailed)
            #expect(noAuth?.serverErrorCode == "NOAUTH")
        }
    }

    @Test("an ACL user logs in with user and password (Redis 6 AUTH USER PASSWORD)")
    func aclUser() async throws {
        try await withRedisServer(password: "admin-Pw") { server in
            _ = try await withConnection(to: server.url()) { admin in
                try admin.command(["ACL", "SETUSER", "worker", "on", ">worker-Pw", "~*", "+@all"])
            }
            var asWorker = server.url()
            asWorker.user = "worker"
            asWorker.password = "worker-Pw"
            let whoAmI = try await withConnection(to: asWorker) { try $0.command(["ACL", "WHOAMI"]) }
            #expect(whoAmI.string == "worker")
            asWorker.password = "admin-Pw"
            let refused = try await onOwnThread { [asWorker] in redisError { _ = try RedisConnection(url: asWorker) } }
            #expect(refused?.kind == .authenticationFailed)
        }
    }

    @Test("the server restarts on its port: the old connection reports it lost, reconnect() works")
    func restart() async throws {
        try await withRedisServer { server in
            let outcome = try await onOwnThread {
                let connection = try RedisConnection(url: server.url(), connectTimeout: .seconds(1))
                _ = try connection.command(["SET", "before", "1"])
                server.stop()
                let lost = redisError { _ = try connection.command(["GET", "before"]) }
                let whileDown = redisError { try connection.reconnect() }
                try server.start()
                // Back-off between attempts, as the queue mode will; bounded.
                var backoff = RedisBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))
                var attempts = 0
                while true {
                    attempts += 1
                    do {
                        try connection.reconnect()
                        break
                    } catch let error as RedisError where error.isConnectionLost && attempts < 20 {
                        usleep(UInt32(backoff.next().components.attoseconds / 1_000_000_000_000))
                    }
                }
                return (
                    lost, whileDown, attempts, try connection.command(["PING"]),
                    try connection.command(["GET", "before"])
                )
            }
            let (lost, whileDown, attempts, ping, before) = outcome
            let gone = try #require(lost)
            #expect(gone.isConnectionLost, "\(gone)")
            #expect([.connectionClosed, .io].contains(gone.kind), "\(gone)")
            #expect(whileDown?.kind == .connectRefused, "\(String(describing: whileDown))")
            #expect(attempts >= 1)
            #expect(ping == .status("PONG"))
            // Persistence is off: the restarted server starts empty.
            #expect(before == .null)
        }
    }

    @Test("close() then a command: not connected; reconnect() opens it again")
    func closeAndReconnect() async throws {
        try await withRedisServer { server in
            let (closed, reopened) = try await withConnection(to: server.url()) { connection in
                connection.close()
                let closed = redisError { _ = try connection.command(["PING"]) }
                try connection.reconnect()
                return (closed, try connection.command(["PING"]))
            }
            #expect(closed?.kind == .notConnected)
            #expect(closed?.message == "the connection is closed; reconnect() first")
            #expect(reopened == .status("PONG"))
        }
    }

    @Test("two threads using one connection at once stop the process")
    func overlappingUseTraps() async {
        await #expect(processExitsWith: .failure) {
            let listener = try SilentListener()
            let connection = try RedisConnection(
                url: RedisURL(host: "127.0.0.1", port: listener.port), commandTimeout: .seconds(3))
            let smuggled = Smuggled(connection)
            let thread = Thread { _ = try? smuggled.connection.command(["PING"]) }
            thread.start()
            usleep(300_000)
            _ = try connection.command(["PING"])
        }
    }
}

/// A connection moved to another thread behind the compiler's back, to show that the
/// connection's own run-time check catches two threads using it at once.
private final class Smuggled: @unchecked Sendable {  // guarded: nothing, on purpose: the test is that misuse traps
    let connection: RedisConnection
    init(_ connection: RedisConnection) { self.connection = connection }
}
