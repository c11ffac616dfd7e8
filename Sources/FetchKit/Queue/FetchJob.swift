/// One input line to fetch: its place in the input, the URL as given, and — when the line
/// is not a fetchable http(s) URL — why not.
public struct FetchJob: Sendable {
    /// 0-based position among the input's URL lines (blank lines and comments don't count).
    public let index: Int
    /// The line as given, trimmed (invalid UTF-8 replaced by U+FFFD).
    public let url: String
    /// Why the line can't be fetched; nil for a valid http(s) URL.
    public let problem: URLProblem?
    /// When the job entered the work queue (MonotonicClock ns).
    public internal(set) var enqueuedAt: UInt64 = 0
    /// When the frontier took the job from the work queue (MonotonicClock ns); 0 when the
    /// run has no frontier and workers take from the queue directly.
    var leftQueueAt: UInt64 = 0
    /// Seconds the job then waited in the frontier for its host's slot, rate token or pause.
    var hostWait = 0.0
    /// The host the frontier counts the job against; nil without a frontier, or for a line
    /// that is not a fetchable URL.
    var host: HostKey?
    /// What a JSONL input line asks for beyond its URL; nil for a plain line.
    public var lineRequest: LineRequest?
    /// The stream entry this job was claimed from (queue mode); nil for a line of a file.
    public var queueClaim: QueueClaim?

    public init(index: Int, url: String, problem: URLProblem?) {
        self.index = index
        self.url = url
        self.problem = problem
    }

    /// This job, refused before it starts because the run was cancelled while it waited in
    /// the queue: whichever worker takes it makes its `cancelled` record (attempts 0)
    /// without touching the network, however far the engine's own cancel has got.
    func cancelledBeforeStart() -> FetchJob {
        refused(URLProblem(errorClass: .cancelled, message: "cancelled"))
    }

    /// This job, not to be fetched for `problem` (a cancel, robots.txt): whichever worker
    /// takes it makes its record without touching the network.
    func refused(_ problem: URLProblem) -> FetchJob {
        var job = FetchJob(index: index, url: url, problem: problem)
        job.enqueuedAt = enqueuedAt
        job.leftQueueAt = leftQueueAt
        job.hostWait = hostWait
        job.host = host
        job.lineRequest = lineRequest
        job.queueClaim = queueClaim
        return job
    }

    /// A job for `line`, checked with curl's URL parser.
    public init(index: Int, line: String) {
        self.init(index: index, url: line, problem: URLCheck.problem(with: line))
    }

    /// A job for `line`, checked with curl's URL parser, which also gives its host when
    /// `keyingHost` (a run with a frontier: the input reader keys it, not the loop).
    init(index: Int, line: String, keyingHost: Bool) {
        let (problem, host) = URLCheck.check(line, keyingHost: keyingHost)
        self.init(index: index, url: line, problem: problem)
        self.host = host
    }
}
