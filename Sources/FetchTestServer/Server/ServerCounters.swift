import NIOConcurrencyHelpers
import NIOCore

/// Connection and request counters shared by every channel of one ``TestServer``, for the
/// whole server and for each of its listening ports.
///
/// Event-loop threads update it and test threads read it, so all state sits behind one
/// mutex; a single lock keeps each peak consistent with the value it was taken from, and
/// a request's start or end takes it once, however many ports there are.
final class ServerCounters: Sendable {
    struct Snapshot: Sendable {
        var openConnections = 0
        var peakConnections = 0
        var activeRequests = 0
        var peakActiveRequests = 0
        var requestCount = 0
        /// Requests sent as to a proxy (``ForwardProxyHandler``).
        var proxiedRequestCount = 0
    }

    private struct PortCounts {
        var requestCount = 0
        var activeRequests = 0
        var peakActiveRequests = 0
        var starts = RequestStartLog()
    }

    private struct State {
        var server = Snapshot()
        var ports: [PortCounts]
    }

    private let state: NIOLockedValueBox<State>
    /// The origin of ``RequestStart/seconds``.
    private let started = NIODeadline.now()

    init(ports: Int) {
        state = NIOLockedValueBox(State(ports: Array(repeating: PortCounts(), count: ports)))
    }

    var snapshot: Snapshot {
        state.withLockedValue { $0.server }
    }

    var secondsSinceStart: Double {
        seconds(at: .now())
    }

    /// Traps on an index that is not a port of this server, as an array does.
    func portStats(_ index: Int) -> PortStats {
        state.withLockedValue { state in
            let port = state.ports[index]
            return PortStats(
                requestCount: port.requestCount,
                activeRequests: port.activeRequests,
                peakActiveRequests: port.peakActiveRequests,
                requestStarts: port.starts.inArrivalOrder
            )
        }
    }

    /// ``portStats(_:)``'s `activeRequests` alone, without copying the port's start log.
    func activeRequests(port index: Int) -> Int {
        state.withLockedValue { $0.ports[index].activeRequests }
    }

    func connectionOpened() {
        state.withLockedValue { state in
            state.server.openConnections += 1
            state.server.peakConnections = max(state.server.peakConnections, state.server.openConnections)
        }
    }

    func connectionClosed() {
        state.withLockedValue { $0.server.openConnections -= 1 }
    }

    /// Counts a request whose head has just arrived on port `index`, and returns how many
    /// requests are now active on that port, this one included (what `/limit` compares).
    func requestStarted(port index: Int, target: String) -> Int {
        state.withLockedValue { state in
            state.server.requestCount += 1
            state.server.activeRequests += 1
            state.server.peakActiveRequests = max(state.server.peakActiveRequests, state.server.activeRequests)
            // The clock is read under the lock so that arrival order and times agree.
            let start = RequestStart(path: target, seconds: seconds(at: .now()))
            state.ports[index].requestCount += 1
            state.ports[index].activeRequests += 1
            state.ports[index].peakActiveRequests = max(
                state.ports[index].peakActiveRequests, state.ports[index].activeRequests)
            state.ports[index].starts.append(start)
            return state.ports[index].activeRequests
        }
    }

    /// Counts a request whose target came in absolute form (``ForwardProxyHandler``).
    func proxiedRequestArrived() {
        state.withLockedValue { $0.server.proxiedRequestCount += 1 }
    }

    func requestFinished(port index: Int) {
        state.withLockedValue { state in
            state.server.activeRequests -= 1
            state.ports[index].activeRequests -= 1
        }
    }

    /// Starts a new measurement window: peaks drop to what is open right now, request
    /// counts to 0, and every port forgets its request starts.
    func reset() {
        state.withLockedValue { state in
            state.server.peakConnections = state.server.openConnections
            state.server.peakActiveRequests = state.server.activeRequests
            state.server.requestCount = 0
            state.server.proxiedRequestCount = 0
            for index in state.ports.indices {
                state.ports[index].peakActiveRequests = state.ports[index].activeRequests
                state.ports[index].requestCount = 0
                state.ports[index].starts.removeAll()
            }
        }
    }

    private func seconds(at moment: NIODeadline) -> Double {
        Double((moment - started).nanoseconds) / 1e9
    }
}
