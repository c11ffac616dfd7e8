/// The one result every input line gets. Its fields, as users see them (JSONL keys, CSV
/// columns, their order, how they read back), are listed once, in `RecordField`.
public struct FetchRecord: Sendable, Equatable {
    public var index: Int
    /// The input line's `id` as JSON text (`"a1"` with its quotes, `7` bare), copied from
    /// a JSONL input line; nil for a plain line.
    public var id: String?
    /// The URL as given, credentials redacted.
    public var url: String
    public var ok: Bool
    public var status: Int?
    public var bytes: Int
    /// The worker (task) that ran it, 1-based.
    public var worker: Int
    public var strategy: StrategyKind
    public var attempts: Int
    /// Seconds the job waited in the work queue after the run started.
    public var queued: Double
    /// Seconds it then waited in the frontier for its host's slot, rate token or pause,
    /// before a worker took it: queued + host_wait + elapsed add up.
    public var hostWait: Double
    /// Seconds from the start of the run to the start of the (last) transfer.
    public var start: Double
    /// Seconds the worker spent on this URL, all attempts.
    public var elapsed: Double
    public var phases: PhaseTimes
    public var httpVersion: String?
    public var contentType: String?
    public var effectiveURL: String?
    /// Where `-o` saved the body; nil when nothing was saved.
    public var path: String?
    public var error: ErrorClass?
    public var message: String?
    /// The stream entry the URL came from (queue mode): at-least-once delivery may fetch an
    /// entry twice, and this tells the repeats apart. nil outside queue mode.
    public var queueID: String?
    /// The worker process (queue mode consumer name) that claimed the entry; nil outside
    /// queue mode.
    public var consumer: String?
    /// Redirects curl followed in the last attempt (`CURLINFO_REDIRECT_COUNT`), for `-w`'s
    /// `%{num_redirects}`. Not a record field: JSONL and CSV do not carry it.
    public var redirects = 0
    /// curl's result code (`CURLcode`) of the last attempt, 0 when it had none (it succeeded,
    /// or no transfer ran), for `-w`'s `%{exitcode}`. Not a record field either.
    public var curlCode = 0

    public init(
        index: Int, id: String? = nil, url: String, ok: Bool, status: Int?, bytes: Int, worker: Int,
        strategy: StrategyKind, attempts: Int, queued: Double, hostWait: Double = 0, start: Double, elapsed: Double,
        phases: PhaseTimes, httpVersion: String?, contentType: String?, effectiveURL: String?,
        path: String? = nil, error: ErrorClass?, message: String?
    ) {
        self.index = index
        self.id = id
        self.url = url
        self.ok = ok
        self.status = status
        self.bytes = bytes
        self.worker = worker
        self.strategy = strategy
        self.attempts = attempts
        self.queued = queued
        self.hostWait = hostWait
        self.start = start
        self.elapsed = elapsed
        self.phases = phases
        self.httpVersion = httpVersion
        self.contentType = contentType
        self.effectiveURL = effectiveURL
        self.path = path
        self.error = error
        self.message = message
    }
}
