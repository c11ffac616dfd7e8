/// Fetches each host's robots.txt for the frontier (`--robots`), on an engine of its own so
/// every strategy — the blocking threads too — gets the same politeness. The frontier
/// decides when: a robots.txt fetch takes its host's slot and rate token like any request.
///
/// What an answer means follows RFC 9309 §2.3.1: 2xx gives the rules (the first 500 KiB
/// read, as Google does); any other 4xx, or a redirect chain longer than five, allows
/// everything; a 429, a 5xx or a network failure is tried again after a back-off, and
/// after the last try the host is taken as disallowing everything — its URLs get `robots`
/// records saying why.
final class RobotsFetcher: Sendable {
    /// robots.txt bytes read; the rest is ignored (RFC 9309 asks for at least 500 KiB).
    static let bodyLimit = 500 * 1024
    /// Redirects followed (RFC 9309: at least five).
    static let redirectLimit = 5

    private let engine: FetchEngine
    private let userAgent: String
    private let retry: RetryPolicy
    private let strategy: StrategyKind
    private let runStart: UInt64
    /// Tries before a host whose robots.txt cannot be had is taken as disallowing all.
    let tries: Int

    /// - Parameter options: the run's own (user agent, headers, TLS, timeouts, retries).
    init(options: FetchOptions, strategy: StrategyKind, runStart: UInt64) throws {
        var robotsOptions = options
        robotsOptions.followRedirects = true
        robotsOptions.maxRedirects = Self.redirectLimit
        robotsOptions.outputDirectory = nil
        robotsOptions.existingFiles = .refuse
        robotsOptions.maxFileSize = nil
        robotsOptions.retries = 0
        engine = try FetchEngine(
            plan: TransferPlan(options: robotsOptions), maxConnections: 64, name: "cfetch-robots")
        userAgent = options.userAgent
        retry = RetryPolicy(options: options)
        tries = 1 + max(options.retries, 2)
        self.strategy = strategy
        self.runStart = runStart
    }

    /// Fetches `host`'s robots.txt; `completion` gets what it means, on the engine's thread.
    func fetch(_ host: HostKey, failures: Int, completion: @escaping @Sendable (RobotsOutcome) -> Void) {
        let url = host.robotsURL
        let capture = BodyCapture(limit: Self.bodyLimit)
        let request = FetchRequest(
            job: FetchJob(index: -1, url: url, problem: nil), worker: 0, strategy: strategy, runStart: runStart,
            takenAt: MonotonicClock.now())
        engine.fetch(request, capturingBodyIn: capture) { [self] record in
            completion(outcome(of: record, body: capture.bytes, url: url, failures: failures))
        }
    }

    /// The wait before trying a host's robots.txt again: the run's retry back-off.
    func backoff(afterFailures failures: Int) -> Double {
        retry.backoff(beforeRetry: failures)
    }

    /// Stops fetches in flight (a cancelled run); their hosts' jobs are cancelled anyway.
    func cancelAll() {
        engine.cancelAll()
    }

    func shutdown() {
        engine.shutdown()
    }

    private func outcome(of record: FetchRecord, body: [UInt8], url: String, failures: Int) -> RobotsOutcome {
        if let status = record.status, record.error == nil || record.error == .http {
            switch status {
            case 200..<300:
                let rules = RobotsRules(parsing: body, userAgent: userAgent)
                return .rules(rules, refusal: "disallowed by \(url) for user agent \"\(userAgent)\"")
            case 300..<400:
                return .rules(.allowAll, refusal: "")
            case 400..<500 where status != 429:
                return .rules(.allowAll, refusal: "")
            default:
                break
            }
        }
        if record.error == .tooManyRedirects { return .rules(.allowAll, refusal: "") }
        if record.error == .cancelled { return .failed }
        guard failures + 1 >= tries else { return .failed }
        let reason = record.status.map { "HTTP status \($0)" } ?? record.message ?? "no answer"
        return .rules(
            .disallowAll,
            refusal: "not fetched: \(url) could not be read (\(reason); \(tries) tries), "
                + "so all of the host is taken as disallowed (RFC 9309)")
    }
}

/// What a robots.txt fetch means for its host.
enum RobotsOutcome: Sendable {
    /// The rules to hold from now on, and the message a disallowed URL's record gets.
    case rules(RobotsRules, refusal: String)
    /// Try again after a back-off.
    case failed
}
