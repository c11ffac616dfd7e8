import NIOConcurrencyHelpers
import Synchronization

/// Connection and request counters shared by every channel of one ``TestServer``.
///
/// Event-loop threads update it and test threads read it, so all state sits behind one
/// mutex; a single lock keeps each peak consistent with the value it was taken from.
final class ServerCounters: Sendable {
    struct Snapshot: Sendable {
        var openConnections = 0
        var peakConnections = 0
        var activeRequests = 0
        var peakActiveRequests = 0
        var requestCount = 0
    }

    private let state = NIOLockedValueBox(Snapshot())

    var snapshot: Snapshot {
        state.withLockedValue { $0 }
    }

    func connectionOpened() {
        state.withLockedValue { counts in
            counts.openConnections += 1
            counts.peakConnections = max(counts.peakConnections, counts.openConnections)
        }
    }

    func connectionClosed() {
        state.withLockedValue { $0.openConnections -= 1 }
    }

    func requestStarted() {
        state.withLockedValue { counts in
            counts.requestCount += 1
            counts.activeRequests += 1
            counts.peakActiveRequests = max(counts.peakActiveRequests, counts.activeRequests)
        }
    }

    func requestFinished() {
        state.withLockedValue { $0.activeRequests -= 1 }
    }

    /// Starts a new measurement window: peaks drop to what is open right now.
    func reset() {
        state.withLockedValue { counts in
            counts.peakConnections = counts.openConnections
            counts.peakActiveRequests = counts.activeRequests
            counts.requestCount = 0
        }
    }
}
