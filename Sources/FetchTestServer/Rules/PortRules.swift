import NIOConcurrencyHelpers

/// The state behind each port's answers that depend on what came before: which targets
/// `/first/…` has already failed once, and the port's robots.txt with its failures to go.
///
/// Only `/first/…` and `/robots.txt` requests take its lock, so the other endpoints (and
/// the benchmarks that use them) never wait on it.
final class PortRules: Sendable {
    private struct PortState {
        var failedTargets: Set<String> = []
        var robots: RobotsResponse?
        var robotsRequests = 0
    }

    private let state: NIOLockedValueBox<[PortState]>

    init(ports: Int) {
        state = NIOLockedValueBox(Array(repeating: PortState(), count: ports))
    }

    /// True for the first request of `target` on port `index` since start or ``reset()``
    /// (and records it, so the next one is false).
    func isFirstRequest(of target: String, port index: Int) -> Bool {
        state.withLockedValue { $0[index].failedTargets.insert(target).inserted }
    }

    /// Replaces the port's robots.txt and starts its failures over.
    func setRobots(_ robots: RobotsResponse, port index: Int) {
        state.withLockedValue { ports in
            ports[index].robots = robots
            ports[index].robotsRequests = 0
        }
    }

    /// The answer to this `/robots.txt` request on port `index`: 404 while none is set.
    func robotsAnswer(port index: Int) -> SimpleResponse {
        let (robots, earlierRequests) = state.withLockedValue { ports in
            defer { ports[index].robotsRequests += 1 }
            return (ports[index].robots, ports[index].robotsRequests)
        }
        guard let robots else {
            return .notFound(path: "/robots.txt")
        }
        if earlierRequests < robots.failures {
            return ThrottleResponse.make(code: robots.failureStatus, why: "robots.txt unavailable", retryAfter: 0)
        }
        return .text(.init(statusCode: robots.status), robots.body)
    }

    /// Forgets which targets failed once and starts every robots.txt's failures over.
    func reset() {
        state.withLockedValue { ports in
            for index in ports.indices {
                ports[index].failedTargets.removeAll()
                ports[index].robotsRequests = 0
            }
        }
    }
}
