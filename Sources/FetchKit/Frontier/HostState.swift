import DequeModule

/// One host in the frontier: its waiting jobs, what it has in flight, and the limits on
/// when its next request may start. Reached only under the frontier's lock; a class, so
/// the frontier changes it in place (a struct in the host table would copy its queue).
final class HostState {
    /// Jobs taken from the work queue, waiting for this host's slot, token or pause.
    var held = Deque<FetchJob>()
    /// Transfers (and a robots.txt fetch) in flight or backing off.
    var inFlight = 0
    /// `--per-host`; nil for no limit. With `--adaptive` the adaptive limit rules instead.
    let fixedLimit: Int?
    var adaptive: AdaptiveLimit?
    /// Seconds between starts (`--host-rate`, raised by a `Crawl-delay`); nil for no limit.
    var interval: Double?
    /// No request starts before this (MonotonicClock ns): the rate's next token.
    var nextStart: UInt64 = 0
    /// No request starts before this either: a `Retry-After` pause.
    var pausedUntil: UInt64 = 0
    var robots: RobotsState
    /// In the frontier's ready queue now.
    var inReady = false
    /// The deadline this host waits for in the frontier's timer heap, if any.
    var timedFor: UInt64?
    /// 429 and 503 answers, and the pauses their `Retry-After` asked for.
    var pushBacks = 0
    var pauses = 0

    init(fixedLimit: Int?, adaptive: AdaptiveLimit?, interval: Double?, robots: RobotsState) {
        self.fixedLimit = fixedLimit
        self.adaptive = adaptive
        self.interval = interval
        self.robots = robots
    }

    /// The most transfers it may have in flight now; nil for no limit.
    var limit: Int? { adaptive?.limit ?? fixedLimit }

    var hasFreeSlot: Bool {
        guard let limit else { return true }
        return inFlight < limit
    }

    /// When its next request may start, as far as time goes.
    var startsAt: UInt64 { max(nextStart, pausedUntil) }

    /// Nothing here that the frontier must remember: no jobs, nothing in flight, no robots
    /// rules, no limit learnt, no pause or token pending, nothing to report.
    func isForgettable(now: UInt64) -> Bool {
        held.isEmpty && inFlight == 0 && !inReady && timedFor == nil && pushBacks == 0 && adaptive == nil
            && startsAt <= now && robots.isNotNeeded
    }
}

/// Where a host stands with its robots.txt (`--robots`).
enum RobotsState {
    /// `--robots` is off.
    case notNeeded
    /// Not fetched yet: the host's next slot fetches it; `failures` tries have failed.
    case unknown(failures: Int)
    case fetching(failures: Int)
    /// Fetched (or given up on): its rules, and the message a disallowed URL's record gets.
    case known(RobotsRules, refusal: String)

    var isNotNeeded: Bool {
        if case .notNeeded = self { return true }
        return false
    }
}

/// A host that pushed back during the run, for the summary.
public struct ThrottledHost: Sendable, Equatable {
    /// `host:port`.
    public let host: String
    /// 429 and 503 answers.
    public let pushBacks: Int
    /// Pauses its `Retry-After` asked for.
    public let pauses: Int
    /// Times `--adaptive` halved its concurrency (429, 503, connect timeouts).
    public let halvings: Int
    /// Its concurrency at the end (`--adaptive`); nil without.
    public let finalLimit: Int?

    public init(host: String, pushBacks: Int, pauses: Int, halvings: Int = 0, finalLimit: Int?) {
        self.host = host
        self.pushBacks = pushBacks
        self.pauses = pauses
        self.halvings = halvings
        self.finalLimit = finalLimit
    }

    /// `a:443 (12× 429/503, paused 2×, halved 3×, ended at 2 in flight)`.
    public var summary: String {
        var parts: [String] = []
        if pushBacks > 0 { parts.append("\(pushBacks)× 429/503") }
        if pauses > 0 { parts.append("paused \(pauses)×") }
        if halvings > 0 { parts.append("halved \(halvings)×") }
        if let finalLimit { parts.append("ended at \(finalLimit) in flight") }
        return "\(host) (\(parts.joined(separator: ", ")))"
    }
}
