/// The ways of writing the workers, all over the same queue and the same curl options.
public enum StrategyKind: String, Sendable, CaseIterable, Codable {
    /// N OS threads, each blocking in `curl_easy_perform` on a handle it owns.
    case blocking
    /// N chains of callbacks on the engine's loop thread.
    case callback
    /// N chains of futures on the engine's loop thread.
    case future
    /// N stackful coroutines on the engine's loop thread, the hub.
    case green
    /// N child tasks in a task group, awaiting the engine.
    case structured

    /// Descriptors two workers may need at once, for the run's budget (halves, so a loop
    /// worker can be budgeted 1.5). A loop worker holds its connection's socket, now and
    /// then a cached connection curl has not closed yet, and during a lookup of a host name
    /// the threaded resolver's socket pair; `blocking` also keeps, inside each easy handle,
    /// the wake-up socket pair of the multi handle `curl_easy_perform` runs on. With libcurl
    /// 7.88 at `-j 500` on loopback, peaks of about 1.2 per worker were seen for the loop
    /// strategies and 3 for `blocking`. 1.5 lets `-j 10000` run under the common hard limit
    /// of 20,000 (3 did not: it ran 6,659 at once); lookups that all start together can go
    /// past it, and `DescriptorShortage` then holds transfers back rather than failing them.
    public var descriptorsPerTwoWorkers: Int {
        self == .blocking ? 10 : 3
    }

    /// What a worker is, in a few words (for `--help` and reports).
    public var summary: String {
        switch self {
        case .blocking: "one OS thread per worker, each blocking in curl_easy_perform"
        case .callback: "callback chains on the engine's poll loop thread"
        case .future: "future chains (map/flatMap/whenComplete) on the engine's loop thread"
        case .green: "stackful coroutines on the engine's loop thread, its hub (gevent's model)"
        case .structured: "child tasks of a TaskGroup awaiting the engine (async/await)"
        }
    }
}
