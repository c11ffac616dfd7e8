import CLinuxCurl

/// What the frontier hears from a transfer's driver (the engine's loop, a blocking thread)
/// between attempts: how each attempt went, and when its retry may start.
protocol HostFeedback: Sendable {
    /// An attempt of `job` ended: a 429 or 503 with `Retry-After` pauses its host, and
    /// `--adaptive` grows or halves the host's concurrency.
    func attemptEnded(_ job: FetchJob, _ outcome: AttemptOutcome)

    /// Books the retry of `job` at `backoff` seconds from now or later — after its host's
    /// pause, at its host's and the run's rate — and returns the seconds until then. The
    /// transfer keeps its host slot meanwhile.
    func bookRetry(_ job: FetchJob, after backoff: Double) -> Double
}

/// One attempt's end as the frontier needs it.
struct AttemptOutcome: Sendable {
    let status: Int?
    /// The response's `Retry-After` in seconds (429 and 503 only).
    let retryAfter: Double?
    /// The host pushed back: a 429, a 503, or a connect that timed out.
    let pushedBack: Bool
    let ok: Bool
    /// When the attempt began (MonotonicClock ns): a push-back to a request sent before the
    /// host's last decrease does not halve it again.
    let startedAt: UInt64

    init(status: Int?, retryAfter: Double?, pushedBack: Bool, ok: Bool, startedAt: UInt64) {
        self.status = status
        self.retryAfter = retryAfter
        self.pushedBack = pushedBack
        self.ok = ok
        self.startedAt = startedAt
    }

    init(_ result: TransferResult, startedAt: UInt64) {
        let status = result.info.status
        let connectTimedOut =
            result.curlCode == CURLE_OPERATION_TIMEDOUT && status == nil && result.info.phases.connect == 0
        self.init(
            status: status, retryAfter: result.info.retryAfter,
            pushedBack: status == 429 || status == 503 || connectTimedOut, ok: result.isOK, startedAt: startedAt)
    }
}
