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

    public init(index: Int, url: String, problem: URLProblem?) {
        self.index = index
        self.url = url
        self.problem = problem
    }

    /// This job, refused before it starts because the run was cancelled while it waited in
    /// the queue: whichever worker takes it makes its `cancelled` record (attempts 0)
    /// without touching the network, however far the engine's own cancel has got.
    func cancelledBeforeStart() -> FetchJob {
        var job = FetchJob(index: index, url: url, problem: URLProblem(errorClass: .cancelled, message: "cancelled"))
        job.enqueuedAt = enqueuedAt
        return job
    }

    /// A job for `line`, checked with curl's URL parser.
    public init(index: Int, line: String) {
        self.init(index: index, url: line, problem: URLCheck.problem(with: line))
    }
}
