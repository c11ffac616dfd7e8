/// The server as a forward proxy (``ForwardProxyHandler``): how many requests came to it as
/// to a proxy.
extension TestServer {
    /// Requests whose target was in absolute form, as sent to a proxy, since start or
    /// ``resetCounters()``; each is also in ``requestCount`` and its port's statistics,
    /// its target (the whole URL) in ``RequestStart/path``.
    public var proxiedRequestCount: Int { counters.snapshot.proxiedRequestCount }

    /// `http://HOST:PORT` of the first port, as `-x` or `http_proxy` name a proxy.
    public var proxyURL: String { baseURL }
}
