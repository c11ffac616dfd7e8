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

    /// Descriptors one worker holds: its connection's socket, and for `blocking` also the
    /// wake-up socket pair of the multi handle `curl_easy_perform` keeps inside each easy
    /// handle (libcurl 7.88).
    public var descriptorsPerWorker: Int {
        self == .blocking ? 3 : 1
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
