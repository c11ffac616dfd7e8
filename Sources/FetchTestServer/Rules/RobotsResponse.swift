/// How one port answers `GET /robots.txt`, set with ``TestServer/setRobots(_:port:)``:
/// the first `failures` requests get `failureStatus` (a robots.txt that fails to load,
/// as a crawler must handle), every later one `status` with `body`.
public struct RobotsResponse: Sendable, Equatable {
    /// 200 to 599; 200 with a body is a robots.txt, a 4xx means "there is none".
    public var status: Int
    /// Sent as `text/plain`, e.g. "User-agent: *\nDisallow: /private\nCrawl-delay: 1\n".
    public var body: String
    /// How many requests fail before `status` is served; 0 for none.
    public var failures: Int
    /// 200 to 599, e.g. 503.
    public var failureStatus: Int

    public init(status: Int = 200, body: String, failures: Int = 0, failureStatus: Int = 503) {
        self.status = status
        self.body = body
        self.failures = failures
        self.failureStatus = failureStatus
    }

    /// A status a client waits for the end of: a 1xx alone would leave it hanging.
    static let finalStatuses = 200...599
}
