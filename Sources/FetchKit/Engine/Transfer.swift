import CLinuxCurl

/// One job's way from request to record, the same whichever strategy drives it:
///
///     open ─ refused: a bad line, a cancelled run, no file for -o, skipped ──► record
///       └─ attempt ─ ended ─ transient? ─ back-off ─ attempt ─ … ─ final ────► record
///                                          └─ cancelled (in flight, backing off) ► record
///
/// Its driver — the engine on its loop thread, or a blocking worker on its own — runs
/// each attempt and waits out each back-off in its own way. Everything else is decided
/// here, once: what is refused, what is retried and after how long, which result is
/// final, and that exactly one record is made. Used on one thread at a time.
final class Transfer {
    enum Opening {
        /// The job never becomes a transfer; this is its record.
        case refused(FetchRecord)
        case ready(Transfer)
    }

    enum Next {
        /// Try again after this many seconds; the body so far has been discarded.
        case retry(afterSeconds: Double)
        /// This is the record: the transfer is over.
        case finished(FetchRecord)
    }

    let request: FetchRequest
    private let plan: TransferPlan
    private let sink: BodySink
    private(set) var attempts = 0
    /// The handle of the current (or last) attempt; nil before the first.
    private var handle: EasyHandle?
    private var attemptStart: UInt64?
    /// When the first attempt began: `--retry-max-time` counts from here.
    private var firstAttemptStart: UInt64?
    private var recorded = false
    /// A JSONL line's own request, or robots.txt's plain GET; nil for the run's request.
    private let requestOverride: RequestOverride?
    /// Attempts held back for want of a file descriptor, and when the first was.
    private var shortages = 0
    private var firstShortage: UInt64?

    private init(request: FetchRequest, plan: TransferPlan, sink: BodySink, capturing: Bool = false) {
        self.request = request
        self.plan = plan
        self.sink = sink
        requestOverride = capturing ? .plainGet : request.job.lineRequest.map(RequestOverride.line)
    }

    /// The transfer for `request`, or the record of why there is none: the run (or this
    /// transfer) was cancelled before it started, the line is not a fetchable URL, or its
    /// body has nowhere to go.
    /// `sink`, when given, takes the body instead of the plan's destination (robots.txt,
    /// which the frontier reads), and the request is a plain GET whatever the run sends.
    static func open(
        _ request: FetchRequest, plan: TransferPlan, cancelled: Bool, sink: BodySink? = nil
    ) -> Opening {
        if cancelled { return .refused(refusal(of: request, URLProblem(errorClass: .cancelled, message: "cancelled"))) }
        if let problem = request.job.problem { return .refused(refusal(of: request, problem)) }
        if let sink { return .ready(Transfer(request: request, plan: plan, sink: sink, capturing: true)) }
        switch plan.destination(for: request.job) {
        case .refuse(let problem): return .refused(refusal(of: request, problem))
        case .skip(let path): return .refused(finalRecord(of: request, .skipped(path: path)))
        case .write(let sink): return .ready(Transfer(request: request, plan: plan, sink: sink))
        }
    }

    /// Gives up before the first attempt (its driver had no handle for it).
    func refuse(_ problem: URLProblem) -> FetchRecord {
        finish(.refused(problem))
    }

    /// Counts the next attempt and sets `handle` up to run it.
    func beginAttempt(on handle: EasyHandle) {
        precondition(!recorded, "an attempt begun on a transfer that already has its record")
        attempts += 1
        attemptStart = MonotonicClock.now()
        if firstAttemptStart == nil { firstAttemptStart = attemptStart }
        self.handle = handle
        handle.prepare(url: request.job.url, template: plan.template, sink: sink, override: requestOverride)
    }

    /// What follows an attempt curl ended with `code`.
    func attemptEnded(with code: CURLcode, runCancelled: Bool) -> Next {
        guard let handle else { preconditionFailure("an attempt ended that never began") }
        return attemptEnded(.finished(code, handle: handle, sink: sink), runCancelled: runCancelled)
    }

    /// What follows an attempt that ended with `result`: another after a back-off while
    /// the retry policy allows (never once the run is cancelled), else the record. The
    /// frontier hears of every attempt (a 429 pauses its host) and books each retry's start
    /// under its host's limits.
    private func attemptEnded(_ result: TransferResult, runCancelled: Bool) -> Next {
        var result = result
        if result.descriptorShortage && !runCancelled {
            if let wait = holdBack() { return .retry(afterSeconds: wait) }
            result.errorOverride = .other
            result.message = "no file descriptor free for \(Int(DescriptorShortage.giveUpAfter)) s (see ulimit -n)"
        }
        let now = MonotonicClock.now()
        plan.hosts?.attemptEnded(request.job, AttemptOutcome(result, startedAt: attemptStart ?? now))
        guard !runCancelled else { return .finished(finish(result)) }
        let elapsed = MonotonicClock.seconds(from: firstAttemptStart ?? now, to: now)
        switch plan.retry.decide(after: result, attempts: attempts, elapsed: elapsed) {
        case .retry(let backoff):
            sink.restart()
            // A retry's wait for its host (a pause, the rate) is part of `elapsed`, as its
            // back-off is: `host_wait` is the wait before the first attempt.
            return .retry(afterSeconds: plan.hosts?.bookRetry(request.job, after: backoff) ?? backoff)
        case .final(let reason):
            if let reason { result.message = [result.message, reason].compactMap { $0 }.joined(separator: "; ") }
            return .finished(finish(result))
        }
    }

    /// The wait before trying again an attempt that failed for want of a descriptor, which
    /// then does not count as an attempt; nil once the transfer has been held back too long.
    private func holdBack() -> Double? {
        let now = MonotonicClock.now()
        let since = firstShortage ?? now
        firstShortage = since
        guard MonotonicClock.seconds(from: since, to: now) < DescriptorShortage.giveUpAfter else { return nil }
        shortages += 1
        attempts -= 1
        sink.restart()
        plan.descriptorShortage.holdingBack()
        return DescriptorShortage.wait(afterShortage: shortages)
    }

    /// The record of a transfer stopped by a cancel, in flight or backing off.
    func cancel() -> FetchRecord {
        guard let handle else { return finish(.refused(URLProblem(errorClass: .cancelled, message: "cancelled"))) }
        return finish(.cancelled(handle: handle, sink: sink))
    }

    /// The record of an attempt its driver could not run or finish (curl's multi handle
    /// refused it): final, whatever `--retry` says.
    func abandon(_ message: String) -> FetchRecord {
        finish(TransferResult(curlCode: CURLE_FAILED_INIT, info: TransferInfo(), bytes: sink.bytes, message: message))
    }

    private func finish(_ result: TransferResult) -> FetchRecord {
        precondition(!recorded, "a transfer recorded twice")
        recorded = true
        handle?.finish()
        var result = result
        result.settleBody(in: sink)
        return result.record(
            for: request, transferStart: attemptStart, finishedAt: MonotonicClock.now(), attempts: attempts,
            hostWait: request.job.hostWait)
    }

    private static func refusal(of request: FetchRequest, _ problem: URLProblem) -> FetchRecord {
        finalRecord(of: request, .refused(problem))
    }

    /// The record of a job that never became a transfer.
    private static func finalRecord(of request: FetchRequest, _ result: TransferResult) -> FetchRecord {
        result.record(
            for: request, transferStart: nil, finishedAt: MonotonicClock.now(), attempts: 0,
            hostWait: request.job.hostWait)
    }
}
