import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Synchronization

/// A local HTTP/1.1 server for tests, demos and offline benchmarks.
///
/// Each server owns its event-loop threads and stops them in ``shutdown()``. It binds
/// loopback unless told otherwise. The counters are safe to read from any thread.
///
/// ```swift
/// let server = try TestServer.start()
/// defer { try? server.shutdown() }
/// fetch(server.url("/bytes/1024"))
/// ```
public final class TestServer: Sendable {
    /// The bound port (the real one when started with port 0).
    public let port: Int
    /// `http://HOST:PORT`, IPv6 hosts in brackets.
    public let baseURL: String

    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let counters: ServerCounters
    private let hasShutDown = NIOLockedValueBox(false)

    private init(group: MultiThreadedEventLoopGroup, listener: any Channel, counters: ServerCounters, host: String) {
        self.group = group
        self.listener = listener
        self.counters = counters
        self.port = listener.localAddress?.port ?? 0
        self.baseURL = "http://" + TestServerError.hostAndPort(host, self.port)
    }

    /// Binds and starts listening; returns once the port accepts connections.
    ///
    /// Blocks the calling thread only for the bind (milliseconds), so it is fine to call
    /// from `async` code too. Must not be called on an event-loop thread.
    ///
    /// - Parameters:
    ///   - host: the address to bind, loopback by default.
    ///   - port: 0 picks a free ephemeral port; read it back from ``port``.
    ///   - threads: event-loop threads serving connections.
    /// - Throws: ``TestServerError`` when the address cannot be bound, e.g. a port in use.
    public static func start(host: String = "127.0.0.1", port: Int = 0, threads: Int = 1) throws -> TestServer {
        guard (0...65535).contains(port) else {
            throw TestServerError(host: host, port: port, reason: "port must be between 0 and 65535")
        }
        FileDescriptorLimit.raiseSoftLimitToHard()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        let counters = ServerCounters()
        do {
            let listener = try ServerBootstrap.forTestServer(group: group, counters: counters)
                .bind(host: host, port: port)
                .wait()
            return TestServer(group: group, listener: listener, counters: counters, host: host)
        } catch {
            try? group.syncShutdownGracefully()
            throw TestServerError.cannotListen(host: host, port: port, underlying: error)
        }
    }

    /// `baseURL + path`; `path` starts with "/".
    public func url(_ path: String) -> String {
        baseURL + path
    }

    /// TCP connections open right now.
    public var openConnections: Int { counters.snapshot.openConnections }
    /// The most connections open at once since start or ``resetCounters()``.
    public var peakConnections: Int { counters.snapshot.peakConnections }
    /// Requests whose head has arrived and whose response has not finished
    /// (a connection that dies mid-response ends its request too).
    public var activeRequests: Int { counters.snapshot.activeRequests }
    /// The most ``activeRequests`` at once since start or ``resetCounters()``.
    public var peakActiveRequests: Int { counters.snapshot.peakActiveRequests }
    /// Requests received since start or ``resetCounters()``.
    public var requestCount: Int { counters.snapshot.requestCount }

    /// Starts a new measurement window: peaks drop to the current values, the request count to 0.
    public func resetCounters() {
        counters.reset()
    }

    /// Closes the listener and every connection, and stops the threads. Idempotent.
    ///
    /// Blocks until the threads have stopped (milliseconds); fine to call from `async`
    /// code, but not from an event-loop thread. ``shutdownGracefully()`` does not block.
    public func shutdown() throws {
        guard claimShutdown() else { return }
        // Closing the group closes every channel on it, the listener included; closing
        // the listener first stops new connections from arriving meanwhile.
        try? listener.close().wait()
        try group.syncShutdownGracefully()
    }

    /// ``shutdown()`` for `async` callers that would rather not block a thread.
    public func shutdownGracefully() async throws {
        guard claimShutdown() else { return }
        try? await listener.close().get()
        try await group.shutdownGracefully()
    }

    private func claimShutdown() -> Bool {
        hasShutDown.withLockedValue { done in
            defer { done = true }
            return !done
        }
    }
}
