/// The Redis keys of one queue, all derived from the queue's name K (`--queue-key`, by
/// default `cfetch`), so that every command names them the same way and two queues on one
/// server never share a key:
///
/// - `K`: the work stream, one entry per line still to fetch (or to fetch again);
/// - `K:seen`: the set of de-duplication digests of the lines enqueued so far;
/// - `K:counts`: the hash of the queue's counters (`lines`, `added`, `duplicates`,
///   `done`, `retried`, `dead`);
/// - `K:results`: the stream of final records, one entry per settled line;
/// - `K:dead`: the stream of lines given up on.
///
/// The consumer group on `K` is always `cfetch`: workers of one queue share it, whatever
/// the queue is called.
public struct QueueKeys: Sendable, Equatable {
    /// The consumer group every worker of every queue reads with.
    public static let group = "cfetch"

    /// The queue's name, which is also the work stream's key.
    public let name: String

    /// The keys of the queue `name`; the name must not be empty (an empty key would make
    /// `:seen` and friends look like keys of no queue at all).
    public init(name: String) {
        precondition(!name.isEmpty, "a queue's name must not be empty")
        self.name = name
    }

    /// The work stream: lines waiting to be fetched, or being fetched.
    public var stream: String { name }
    /// The set of de-duplication digests (`sha1hex` of each line's dedup key).
    public var seen: String { name + ":seen" }
    /// The hash of counters.
    public var counts: String { name + ":counts" }
    /// The stream of final records.
    public var results: String { name + ":results" }
    /// The stream of dead lines (delivered too often, or unreadable).
    public var dead: String { name + ":dead" }
}
