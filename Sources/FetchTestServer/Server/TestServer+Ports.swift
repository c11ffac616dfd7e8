/// One server, several hosts: each listening port's URLs, statistics and robots.txt.
extension TestServer {
    /// `baseURL(port: index) + path`: the URL of `path` on the host that port `index` stands for.
    public func url(_ path: String, port index: Int) -> String {
        baseURLs[index] + path
    }

    /// `http://HOST:PORT` of `ports[index]`.
    public func baseURL(port index: Int) -> String {
        baseURLs[index]
    }

    /// What port `index` (of ``ports``) has seen; traps on an index out of range, as an array does.
    public func portStats(_ index: Int) -> PortStats {
        counters.portStats(index)
    }

    /// Seconds since the server started, on the clock of ``RequestStart/seconds``.
    public var secondsSinceStart: Double { counters.secondsSinceStart }

    /// Sets how port `index` answers `/robots.txt` from now on, its failures counted afresh.
    /// Traps on an index out of range or a status outside 200-599 (a 1xx alone would
    /// leave the client waiting).
    public func setRobots(_ robots: RobotsResponse, port index: Int) {
        precondition(
            RobotsResponse.finalStatuses.contains(robots.status)
                && RobotsResponse.finalStatuses.contains(robots.failureStatus) && robots.failures >= 0,
            "robots.txt statuses must be 200-599 and failures at least 0")
        rules.setRobots(robots, port: index)
    }
}
