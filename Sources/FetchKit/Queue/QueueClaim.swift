/// Where a job came from in queue mode: the stream entry a worker process claimed, and
/// that process's consumer name. Copied into the record (`queue_id`, `consumer`) so the
/// results can be settled in the stream, and so downstream tools can tell the rare
/// at-least-once repeat of an entry from a second entry with the same URL.
///
/// A class, so a `FetchJob` carries one reference (nil outside queue mode).
public final class QueueClaim: Sendable {
    /// The stream entry's id (`1733212800000-0`).
    public let id: String
    /// The claiming process's consumer name in the group (`host-1234` by default).
    public let consumer: String

    public init(id: String, consumer: String) {
        self.id = id
        self.consumer = consumer
    }
}
