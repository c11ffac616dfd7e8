/// One entry of a queue's results stream: a final record, where it came from (the work
/// entry and the worker), and the input line's index it answers.
///
/// An entry missing fields (not written by cfetch) is still read: `index` -1 when it has
/// no index from 0, the texts empty when missing.
public struct ResultEntry: Sendable, Equatable {
    /// The result entry's own id in `K:results`.
    public let id: String
    /// The input line's index; -1 when the entry has none.
    public let index: Int
    /// The id the line had in the work stream when it was settled.
    public let queueID: String
    /// The worker that wrote the record.
    public let consumer: String
    /// The record, one JSON object's text without a newline.
    public let record: String

    /// An entry as `ResultsReader` builds it from a results stream entry (public for tests).
    public init(id: String, index: Int, queueID: String, consumer: String, record: String) {
        self.id = id
        self.index = index
        self.queueID = queueID
        self.consumer = consumer
        self.record = record
    }

    init(_ entry: StreamEntryReply) {
        let fields = entry.fields
        self.init(
            id: entry.id, index: Self.index(fields["index"]), queueID: fields["queue_id"] ?? "",
            consumer: fields["consumer"] ?? "", record: fields["record"] ?? "")
    }

    /// The index field as a number from 0, or -1.
    static func index(_ text: String?) -> Int {
        text.flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil } ?? -1
    }
}
