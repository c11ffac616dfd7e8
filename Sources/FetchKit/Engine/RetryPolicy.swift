/// When a failed attempt is tried again, and after how long: `--retry`, `--retry-delay`,
/// `--retry-max-delay`, `--retry-max-time`, `--retry-all-errors`.
///
/// Back-off is exponential with full jitter (AWS's "Full Jitter"): before retry n the wait
/// is uniform in [0, min(max delay, delay × 2^(n-1))], so many transfers that failed
/// together do not come back together. A `Retry-After` (429, 503) is a floor under that
/// wait; one longer than the max delay is not waited for at all.
struct RetryPolicy: Sendable {
    /// Extra attempts after the first.
    let retries: Int
    /// The first retry's cap, doubled for each later one (`--retry-delay`, default 1 s).
    let delay: Double
    /// No wait is longer (`--retry-max-delay`, default 60 s).
    let maxDelay: Double
    /// No retry starts later than this after the first attempt did (`--retry-max-time`).
    let maxTime: Double?
    /// Retry every failure, not only the transient ones (`--retry-all-errors`).
    let allErrors: Bool

    static let defaultDelay = 1.0
    static let defaultMaxDelay = 60.0

    init(options: FetchOptions) {
        retries = max(0, options.retries)
        delay = Self.saturating(options.retryDelay ?? Self.defaultDelay)
        maxDelay = Self.saturating(options.retryMaxDelay)
        maxTime = options.retryMaxTime.flatMap { $0 > 0 ? Self.saturating($0) : nil }
        allErrors = options.retryAllErrors
    }

    /// What follows a failed attempt.
    enum Decision: Equatable {
        case retry(afterSeconds: Double)
        /// Not retried; the record's message gets this reason added (nil: nothing to say,
        /// the failure is simply final).
        case final(reason: String?)
    }

    /// Whether (and when) to try again after attempt number `attempts` ended with `result`,
    /// `elapsed` seconds after the first attempt began.
    func decide(
        after result: TransferResult, attempts: Int, elapsed: Double,
        jitter: (Double) -> Double = { Double.random(in: 0...$0) }
    ) -> Decision {
        guard attempts <= retries, result.errorOverride != .cancelled else { return .final(reason: nil) }
        guard result.isTransient || (allErrors && !result.isOK) else { return .final(reason: nil) }
        var wait = backoff(beforeRetry: attempts, jitter: jitter)
        if let retryAfter = result.info.retryAfter {
            if retryAfter > maxDelay {
                return .final(
                    reason: "not retried: Retry-After \(Self.seconds(retryAfter)) is longer than "
                        + "--retry-max-delay \(Self.seconds(maxDelay))")
            }
            wait = max(wait, retryAfter)
        }
        if let maxTime, elapsed + wait > maxTime {
            return .final(reason: "not retried: --retry-max-time \(Self.seconds(maxTime)) would pass")
        }
        return .retry(afterSeconds: wait)
    }

    /// The wait before retry number `attempt`: drawn by `jitter` from [0, its cap].
    func backoff(
        beforeRetry attempt: Int, jitter: (Double) -> Double = { Double.random(in: 0...$0) }
    ) -> Double {
        let cap = cap(beforeRetry: attempt)
        return cap > 0 ? jitter(cap) : 0
    }

    /// The longest wait before retry number `attempt`: the delay doubled `attempt - 1`
    /// times, at most `maxDelay` (saturating, whatever the count).
    func cap(beforeRetry attempt: Int) -> Double {
        let doublings = min(max(attempt - 1, 0), 1024)
        var wait = delay
        for _ in 0..<doublings where wait < maxDelay { wait *= 2 }
        return min(wait, maxDelay)
    }

    /// The longest wait: about 31 years, "for ever" for any run (the CLI's own limit).
    static let longestWait = 1e9

    /// Seconds from 0 to `longestWait`: NaN and negatives wait not at all, longer times
    /// (infinity too) as long as anything does — so every wait stays finite.
    static func saturating(_ seconds: Double) -> Double {
        seconds > 0 ? min(seconds, longestWait) : 0
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && value < 1e15 ? "\(Int(value)) s" : "\(NumberText.fixed(value, 2)) s"
    }
}
