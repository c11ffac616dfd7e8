/// One worker as the consumer group knows it: its name, the entries it holds unsettled,
/// and how long since it last read or claimed (a worker that died stays listed, its idle
/// time growing, until its entries are claimed by others).
public struct ConsumerStatus: Sendable, Equatable {
    /// The consumer's name, as the worker gave it when it read.
    public var name: String
    /// Entries delivered to it and not yet settled.
    public var pending: Int
    /// Time since its last read, claim or acknowledgement.
    public var idle: Duration

    /// A status as `QueueStatus.read` builds it from `XINFO CONSUMERS` (public for tests
    /// and for callers that render statuses).
    public init(name: String, pending: Int, idle: Duration) {
        self.name = name
        self.pending = pending
        self.idle = idle
    }
}
