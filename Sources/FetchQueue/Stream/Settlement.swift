/// What becomes of an entry a worker has finished with: its record is final (`done`), its
/// failure is worth another try later (`retry`), or it is given up on (`dead`). Settling
/// writes the outcome and acknowledges the entry, so that no worker is given it again, in
/// one atomic step (see `StreamSettler`).
public enum Settlement: Sendable, Equatable {
    /// The record is final (a success, or a failure not worth retrying): it goes to
    /// `K:results`, and the entry is acknowledged. Counted in `done`.
    case done(entry: QueueEntry, record: String, consumer: String)
    /// A transient failure: the line goes back on the work stream as a new entry (same
    /// index, line and format; `failures` one more; `error` the failure's text), to be
    /// read again by any worker, and the old entry is acknowledged. Counted in `retried`.
    case retry(entry: QueueEntry, error: String)
    /// Given up on: delivered too often, failed too often, or malformed. The line and why
    /// go to `K:dead`, the worker's poisoned record to `K:results` (so the results still
    /// have one record per line), and the entry is acknowledged. Counted in `dead` and in `done`.
    case dead(entry: QueueEntry, error: String, record: String, consumer: String, deliveries: Int)

    /// The entry being settled.
    public var entry: QueueEntry {
        switch self {
        case .done(let entry, _, _), .retry(let entry, _), .dead(let entry, _, _, _, _): entry
        }
    }
}
