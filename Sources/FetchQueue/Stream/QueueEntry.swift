/// One line handed to a worker from the work stream: what to fetch, where it stands in
/// the input (`index`), and its history (how often it failed, how often Redis delivered
/// it), which decides whether a failure is retried or the line is given up on.
///
/// A malformed entry (no `index` or no `line` field, an index that is not a number from 0,
/// or an unknown `format`: written by something other than cfetch, or damaged) does not
/// stop a worker: it comes back like any other, with `malformedReason` set, `index` -1
/// unless its index field could be read, `format` `.url`, and `line` describing the entry
/// and its raw fields. The worker must not fetch it: it settles it `.dead`, so that it
/// is acknowledged and its fields are kept in the dead-letter stream for a human.
public struct QueueEntry: Sendable, Equatable {
    /// The stream entry's id (`1700000000000-0`): what XACK and XAUTOCLAIM take.
    public let id: String
    /// The line's position in the input, from 0, as the enqueuer numbered it: records are
    /// put back in input order with it, and duplicated results told apart.
    public let index: Int
    /// The input line as given: a URL, or a JSON request object's text.
    public let line: String
    /// How `line` is to be read: a URL, or a JSON request object.
    public let format: QueueLineFormat
    /// Earlier deliveries of this line that ended in a transient failure (0 for a line
    /// never retried).
    public let failures: Int
    /// The last failed delivery's error text, when the line was retried.
    public let lastError: String?
    /// How many times the group delivered this entry id: 1 for a first read, more when it
    /// was claimed from a worker that went quiet. A line re-added after a failure is a new
    /// entry, whose deliveries start again at 1 (its `failures` carries the history).
    public let deliveries: Int
    /// nil for a well-formed entry; otherwise why it could not be read, and the entry is
    /// to be settled `.dead`, not fetched.
    public let malformedReason: String?

    /// An entry as the stream layer builds it from a stream entry's fields (public so that
    /// a worker's tests can make entries without a server).
    public init(
        id: String, index: Int, line: String, format: QueueLineFormat, failures: Int = 0, lastError: String? = nil,
        deliveries: Int = 1, malformedReason: String? = nil
    ) {
        self.id = id
        self.index = index
        self.line = line
        self.format = format
        self.failures = failures
        self.lastError = lastError
        self.deliveries = deliveries
        self.malformedReason = malformedReason
    }

    /// Whether the entry could not be read and must be settled `.dead` rather than fetched.
    public var isMalformed: Bool { malformedReason != nil }

    /// The entry read from its stream fields (`index`, `line`, `format`, and on re-added
    /// entries `failures` and `error`). A missing `format` is read as `url`; a `failures`
    /// that is not a number as 0 (it only counts retries).
    init(_ entry: StreamEntryReply, deliveries: Int) {
        let fields = entry.fields
        let index = fields["index"].flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
        let format = fields["format"].map { QueueLineFormat(rawValue: $0) } ?? .url
        let failures = fields["failures"].flatMap { Int($0) }.map { max($0, 0) } ?? 0
        var problems: [String] = []
        if index == nil {
            problems.append(fields["index"] == nil ? "no index field" : "an index that is not a number from 0")
        }
        if fields["line"] == nil { problems.append("no line field") }
        if format == nil { problems.append("an unknown format") }
        if let line = fields["line"], let index, let format, problems.isEmpty {
            self.init(
                id: entry.id, index: index, line: line, format: format, failures: failures,
                lastError: fields["error"], deliveries: deliveries)
        } else {
            let reason = problems.joined(separator: ", ")
            self.init(
                id: entry.id, index: index ?? -1,
                line: "malformed queue entry \(entry.id) (\(reason)): \(entry.fieldsDescription)", format: .url,
                failures: failures, lastError: fields["error"], deliveries: deliveries,
                malformedReason: reason)
        }
    }
}
