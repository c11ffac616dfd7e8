/// `--adaptive`: one host's concurrency, AIMD as TCP's congestion window. It grows by one
/// after a window of successes (as many as the limit), halves when the host pushes back
/// (429, 503, a connect timeout), never goes below 1 or above its ceiling (`--per-host`
/// when set). A burst of push-backs to requests sent before a decrease halves it once,
/// as TCP halves once per round trip.
struct AdaptiveLimit: Sendable, Equatable {
    private(set) var limit: Int
    let ceiling: Int
    private var successes = 0
    /// When the limit last halved (MonotonicClock ns).
    private var lastDecrease: UInt64 = 0
    /// Times it halved.
    private(set) var decreases = 0

    init(start: Int, ceiling: Int) {
        self.ceiling = max(1, ceiling)
        limit = min(max(1, start), self.ceiling)
    }

    /// Takes an attempt's outcome; true when the limit grew (a waiting job may now start).
    mutating func take(pushedBack: Bool, ok: Bool, startedAt: UInt64, now: UInt64) -> Bool {
        if pushedBack {
            successes = 0
            guard startedAt >= lastDecrease else { return false }
            limit = max(1, limit / 2)
            lastDecrease = now
            decreases += 1
            return false
        }
        guard ok else { return false }
        successes += 1
        guard successes >= limit, limit < ceiling else { return false }
        successes = 0
        limit += 1
        return true
    }
}
