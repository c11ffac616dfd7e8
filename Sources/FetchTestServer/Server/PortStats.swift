/// What one listening port of a ``TestServer`` has seen: each port stands for one host,
/// so these are the numbers a per-host limit, rate or pause shows up in.
public struct PortStats: Sendable {
    /// Requests received on this port since start or ``TestServer/resetCounters()``.
    public let requestCount: Int
    /// Requests on this port whose head has arrived and whose response has not finished.
    public let activeRequests: Int
    /// The most ``activeRequests`` at once since start or ``TestServer/resetCounters()``.
    public let peakActiveRequests: Int
    /// When each request head arrived, oldest first: the last
    /// 100,000 of them, so a long benchmark stays in bounded memory.
    public let requestStarts: [RequestStart]
}

/// The arrival of one request head at a port.
public struct RequestStart: Sendable, Equatable {
    /// The request target as sent: the path and any query, e.g. "/delay/200".
    public let path: String
    /// Seconds since the server started, on the monotonic clock (the same as
    /// ``TestServer/secondsSinceStart``), so gaps between starts are real intervals.
    public let seconds: Double
}
