import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Synchronization

/// A local HTTP/1.1 server for tests, demos and offline benchmarks.
///
/// Each server owns its event-loop threads and stops them in ``shutdown()``. It binds
/// loopback unless told otherwise, on one port or on several: each port is a host to a
/// client (curl tells hosts apart by scheme, host and port), with its own statistics
/// (``portStats(_:)``) and robots.txt (``setRobots(_:port:)``). The counters are safe to
/// read from any thread.
///
/// ```swift
/// let server = try TestServer.start()
/// defer { try? server.shutdown() }
/// fetch(server.url("/bytes/1024"))
/// ```
public final class TestServer: Sendable {
    /// The first bound port (the real one when started with port 0); `ports[0]`.
    public let port: Int
    /// `http://HOST:PORT` of the first port, IPv6 hosts in brackets.
    public let baseURL: String
    /// Every bound port, in listener order: the first is the one asked for, the others ephemeral.
    public let ports: [Int]

    let baseURLs: [String]
    private let group: MultiThreadedEventLoopGroup
    private let listeners: [any Channel]
    let counters: ServerCounters
    let rules: PortRules
    private let hasShutDown = NIOLockedValueBox(false)

    /// The most ports one server binds: far more hosts than a test or benchmark needs,
    /// far fewer than the descriptors the server's connections need.
    public static let maxListeners = 10_000

    private init(
        group: MultiThreadedEventLoopGroup,
        listeners: [any Channel],
        counters: ServerCounters,
        rules: PortRules,
        host: String
    ) {
        self.group = group
        self.listeners = listeners
        self.counters = counters
        self.rules = rules
        self.ports = listeners.map { $0.localAddress?.port ?? 0 }
        self.baseURLs = ports.map { "http://" + TestServerError.hostAndPort(host, $0) }
        self.port = ports[0]
        self.baseURL = baseURLs[0]
    }

    /// Binds and starts listening; returns once every port accepts connections.
    ///
    /// Blocks the calling thread only for the binds (milliseconds), so it is fine to call
    /// from `async` code too. Must not be called on an event-loop thread.
    ///
    /// - Parameters:
    ///   - host: the address to bind, loopback by default.
    ///   - port: the first listener's port; 0 picks a free ephemeral port; read it back from ``port``.
    ///   - threads: event-loop threads serving connections, shared by every listener.
    ///   - listeners: how many ports to listen on (1 to ``maxListeners``); all but the
    ///     first are ephemeral; read them back from ``ports``.
    /// - Throws: ``TestServerError`` when an address cannot be bound, e.g. a port in use.
    public static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        threads: Int = 1,
        listeners: Int = 1
    ) throws -> TestServer {
        guard (0...65535).contains(port) else {
            throw TestServerError(host: host, port: port, reason: "port must be between 0 and 65535")
        }
        guard (1...maxListeners).contains(listeners) else {
            throw TestServerError(
                host: host, port: port, reason: "listeners must be between 1 and \(maxListeners), got \(listeners)")
        }
        FileDescriptorLimit.raiseSoftLimitToHard()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        let counters = ServerCounters(ports: listeners)
        let rules = PortRules(ports: listeners)
        var channels: [any Channel] = []
        for index in 0..<listeners {
            let wanted = index == 0 ? port : 0
            do {
                let channel = try ServerBootstrap.forTestServer(
                    group: group, counters: counters, rules: rules, port: index
                )
                .bind(host: host, port: wanted)
                .wait()
                channels.append(channel)
            } catch {
                // Closing the group closes the listeners already bound.
                try? group.syncShutdownGracefully()
                throw TestServerError.cannotListen(host: host, port: wanted, underlying: error)
            }
        }
        return TestServer(group: group, listeners: channels, counters: counters, rules: rules, host: host)
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

    /// Starts a new measurement window: peaks drop to the current values, request counts
    /// to 0, every port forgets its request starts and which targets `/first/…` has
    /// refused, and robots.txt failures start over.
    public func resetCounters() {
        counters.reset()
        rules.reset()
    }

    /// Closes every listener and connection, and stops the threads. Idempotent.
    ///
    /// Blocks until the threads have stopped (milliseconds); fine to call from `async`
    /// code, but not from an event-loop thread. ``shutdownGracefully()`` does not block.
    public func shutdown() throws {
        guard claimShutdown() else { return }
        // Closing the group closes every channel on it, the listeners included; closing
        // the listeners first stops new connections from arriving meanwhile.
        try? closeListeners().wait()
        try group.syncShutdownGracefully()
    }

    /// ``shutdown()`` for `async` callers that would rather not block a thread.
    public func shutdownGracefully() async throws {
        guard claimShutdown() else { return }
        try? await closeListeners().get()
        try await group.shutdownGracefully()
    }

    private func closeListeners() -> EventLoopFuture<Void> {
        EventLoopFuture.andAllComplete(listeners.map { $0.close() }, on: group.next())
    }

    private func claimShutdown() -> Bool {
        hasShutDown.withLockedValue { done in
            defer { done = true }
            return !done
        }
    }
}
