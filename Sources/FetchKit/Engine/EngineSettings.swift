/// How the engine is laid out for a run: how many loops, and what each loop's multi handle
/// is told. Not per transfer (that is `FetchOptions`): these shape the engine itself.
public struct EngineSettings: Sendable {
    /// Engine loops, each a thread with its own multi handle, pool and timers (`--loops`);
    /// nil for the default, one per core, never more than the run's workers.
    public var loops: Int?
    /// The readiness call each loop waits in (`--poller`).
    public var poller: PollerKind = .epoll

    /// The most transfers one HTTP/2 connection carries at once (`--h2-streams`), per loop:
    /// each loop's multi handle opens another connection to a host only when its others
    /// carry this many (or the server's own limit, when lower).
    public var h2Streams = EngineSettings.defaultH2Streams

    /// curl's own default for `CURLMOPT_MAX_CONCURRENT_STREAMS`.
    public static let defaultH2Streams = 100

    public init() {}

    /// The loops a run with `workers` workers gets: `loops` when given, else one per core
    /// (`cores`), never more than `workers` and at least one.
    public func loopCount(workers: Int, cores: Int = EngineSettings.cores) -> Int {
        max(1, min(loops ?? cores, workers))
    }

    /// The cores this process may run on (its affinity mask, as `nproc` counts them).
    public static var cores: Int { ProcessorCount.available }
}
