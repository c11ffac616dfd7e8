/// The readiness call an engine loop waits in (`--poller`): both watch the same
/// descriptors for the same events and report them the same way; they differ in what a
/// turn costs.
public enum PollerKind: String, CaseIterable, Sendable {
    /// epoll(7), level-triggered: a turn costs what is ready, not what is watched. The
    /// default.
    case epoll
    /// poll(2) over every watched descriptor each turn: O(sockets) a turn, kept to compare.
    case poll

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .epoll: "epoll(7): a turn costs what is ready, the default"
        case .poll: "poll(2) over every socket each turn, kept to compare"
        }
    }
}
