/// How gently a run treats each host: the frontier's limits (`--per-host`, `--rate`,
/// `--host-rate`, `--jitter`, `--adaptive`, `--robots`).
public struct Politeness: Sendable, Equatable {
    /// At most this many transfers in flight per host; 0 for no limit.
    public var perHost = 0
    /// At most this many request starts in all.
    public var rate: RequestRate?
    /// At most this many request starts per host.
    public var hostRate: RequestRate?
    /// Spread each host's starts by ±50% of its interval (`--host-rate`, `Crawl-delay`).
    public var jitter = false
    /// Per-host concurrency that halves when a host pushes back and grows while it copes.
    public var adaptive = false
    /// Fetch each host's robots.txt first; skip what it disallows; take its Crawl-delay.
    public var robots = false

    /// Concurrency per host `--adaptive` starts at without `--per-host`.
    public static let adaptiveStart = 4
    /// The longest `Crawl-delay` taken as a host's interval.
    public static let longestCrawlDelay = 30.0

    public init() {}

    /// Whether any limit is set: otherwise workers take straight from the work queue, as
    /// fast as they can.
    public var limitsHosts: Bool {
        perHost > 0 || rate != nil || hostRate != nil || adaptive || robots
    }
}
