import FetchKit
import FetchQueue
import FetchTestServer
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A private `redis-server` on a free port of 127.0.0.1 (persistence off unless asked for), its log and
/// working directory in a temporary directory of its own: never the system's service on
/// 6379. `stop()` then `start()` brings it back on the same port (the restart test).
///
/// Its methods block (a start waits for PONG, a stop for the exit): call them from
/// `onOwnThread`, or through `withRedisServer`, which always stops the server and removes
/// its directory, whether the test passes, fails or throws.
public final class RedisServerProcess: Sendable {
    public static let executable = "/usr/bin/redis-server"

    public let port: Int
    /// `--requirepass`, when the test wants a login.
    public let password: String?
    /// Writes go to an append-only file, fsynced at every write: a restarted server comes
    /// back with everything it had (the restart tests).
    public let persistent: Bool
    public let directory: String
    /// The running server's pid, 0 when there is none. An atomic rather than a `Mutex`:
    /// the stdlib's futex-based lock is a hand-over ThreadSanitizer cannot see.
    private let pid = Atomic<pid_t>(0)

    public struct StartFailed: Error, CustomStringConvertible {
        public var reason: String
        public var log: String
        public var description: String { "redis-server did not start: \(reason); its log: \(log.debugDescription)" }
    }

    /// Starts a server on a free port (another, a few times, when someone takes the port
    /// first).
    public static func start(password: String? = nil, persistent: Bool = false) throws -> RedisServerProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw StartFailed(
                reason:
                    "\(executable) is not installed: run `make test-deps`, which installs redis-server with apt-get",
                log: "")
        }
        var lastFailure: Error?
        for _ in 0..<5 {
            let server = try RedisServerProcess(
                port: LoopbackSocket.freePort(), password: password, persistent: persistent)
            do {
                try server.start()
                return server
            } catch {
                server.remove()
                lastFailure = error
                guard let failure = error as? StartFailed, failure.log.contains("Address already in use") else {
                    throw error
                }
            }
        }
        throw lastFailure ?? StartFailed(reason: "no attempt", log: "")
    }

    private init(port: Int, password: String?, persistent: Bool) throws {
        self.port = port
        self.password = password
        self.persistent = persistent
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("cfetch-redis-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        // A test that lost track of its server must not leave it running.
        stop()
    }

    /// The URL a client connects with (the password included when there is one).
    public func url(database: Int = 0) -> RedisURL {
        RedisURL(host: "127.0.0.1", port: port, database: database, password: password)
    }

    public var log: String { (try? String(contentsOfFile: "\(directory)/redis.log", encoding: .utf8)) ?? "" }

    /// Starts redis-server on `port` and waits until its log says it is ready and it
    /// answers PING (5 s at most).
    public func start() throws {
        var arguments = [
            "redis-server", "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--daemonize", "no", "--dir",
            directory, "--logfile", "\(directory)/redis.log",
        ]
        arguments += persistent ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]
        if let password { arguments += ["--requirepass", password] }
        // A restart appends to the log: only what this start writes counts.
        let logBefore = log.utf8.count
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(devNull) }
        let child = try withNoSignalsBlocked {
            try spawnProcess(Self.executable, argv: arguments, stdout: devNull)
        }
        pid.store(child, ordering: .sequentiallyConsistent)
        let deadline = ContinuousClock.now + .seconds(5)
        while true {
            if let status = reapIfExited() {
                throw StartFailed(reason: "it exited (wait status \(status))", log: log)
            }
            // The log first: when another server holds the port, that one answers PING
            // while this one is still on its way out ("Address already in use").
            let written = String(decoding: log.utf8.dropFirst(logBefore), as: UTF8.self)
            if written.contains("Ready to accept connections"), let answer = LoopbackSocket.ping(port: port),
                answer.hasPrefix("+PONG") || answer.hasPrefix("-NOAUTH")
            {
                return
            }
            if ContinuousClock.now >= deadline {
                stop()
                throw StartFailed(reason: "it did not answer PING on port \(port) within 5 s", log: log)
            }
            usleep(10_000)
        }
    }

    /// Runs `body` with this thread's signal mask empty: a spawned child inherits the mask,
    /// and a redis-server started from a thread that blocks SIGTERM (as threads of the test
    /// runner may) would never see `stop()`'s SIGTERM.
    private func withNoSignalsBlocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t()
        sigemptyset(&none)
        var saved = sigset_t()
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        return try body()
    }

    /// SIGTERM, up to 5 s for it to exit, then SIGKILL; reaps it. Harmless when stopped.
    public func stop() {
        let child = pid.load(ordering: .sequentiallyConsistent)
        guard child > 0 else { return }
        kill(child, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(5)
        while reapIfExited() == nil {
            if ContinuousClock.now >= deadline {
                kill(child, SIGKILL)
                var status: Int32 = 0
                _ = waitpid(child, &status, 0)
                pid.store(0, ordering: .sequentiallyConsistent)
                return
            }
            usleep(5_000)
        }
    }

    /// Stops the server and removes its directory.
    public func remove() {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The wait status if the child has exited (reaped, and forgotten).
    private func reapIfExited() -> Int32? {
        let child = pid.load(ordering: .sequentiallyConsistent)
        guard child > 0 else { return 0 }
        var status: Int32 = 0
        guard waitpid(child, &status, WNOHANG) == child else { return nil }
        pid.store(0, ordering: .sequentiallyConsistent)
        return status
    }
}

/// Starts a private redis-server, runs `body` with it, and always stops it and removes its
/// directory afterwards.
public func withRedisServer<T: Sendable>(
    password: String? = nil, persistent: Bool = false, _ body: (RedisServerProcess) async throws -> T
) async throws -> T {
    let server = try await onOwnThread { try RedisServerProcess.start(password: password, persistent: persistent) }
    do {
        let result = try await body(server)
        try await onOwnThread { server.remove() }
        return result
    } catch {
        _ = try? await onOwnThread { server.remove() }
        throw error
    }
}
