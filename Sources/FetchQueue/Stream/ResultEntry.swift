/// One record of a queue's results stream: a final record, where it came from (the work
/// entry and the worker), and the input line's index it answers.
///
/// The settler writes one results entry per settle call, holding that call's records:
/// fields `consumer`, `count`, `indexes` and `queue_ids` (comma-separated, in the records'
/// order) and `records` (JSON lines, each ending in a newline). An entry of one record,
/// with fields `index`, `queue_id`, `consumer` and `record` (as one written by hand), is
/// read too. An entry missing fields (not written by cfetch) is still read: `index` -1
/// when a record has no index from 0, the texts empty when missing.
public struct ResultEntry: Sendable, Equatable {
    /// The id of the results entry the record is in.
    public let id: String
    /// The record's place among its entry's records, from 0.
    public let position: Int
    /// The input line's index; -1 when the entry has none.
    public let index: Int
    /// The id the line had in the work stream when it was settled.
    public let queueID: String
    /// The worker that wrote the record.
    public let consumer: String
    /// The record, one JSON object's text without a newline.
    public let record: String

    /// A record as `ResultsReader` reads it from the results stream (public for tests).
    public init(id: String, position: Int = 0, index: Int, queueID: String, consumer: String, record: String) {
        self.id = id
        self.position = position
        self.index = index
        self.queueID = queueID
        self.consumer = consumer
        self.record = record
    }

    /// The records of one results entry, in order.
    static func records(of entry: StreamEntryReply) -> [ResultEntry] {
        let fields = entry.fields
        let consumer = fields["consumer"] ?? ""
        let indexes = indexes(of: entry)
        guard let text = fields["records"] else {
            return [
                ResultEntry(
                    id: entry.id, index: indexes[0], queueID: fields["queue_id"] ?? "", consumer: consumer,
                    record: fields["record"] ?? "")
            ]
        }
        let queueIDs = list(fields["queue_ids"])
        return text.split(separator: "\n", omittingEmptySubsequences: false).prefix(indexes.count).enumerated().map {
            position, record in
            ResultEntry(
                id: entry.id, position: position, index: indexes[position],
                queueID: position < queueIDs.count ? String(queueIDs[position]) : "", consumer: consumer,
                record: String(record))
        }
    }

    /// The index of each record of one results entry, in order (-1 for a record without
    /// one): what `records(of:)` would answer as `index`, without copying the records.
    static func indexes(of entry: StreamEntryReply) -> [Int] {
        let fields = entry.fields
        guard let text = fields["records"] else { return [index(fields["index"])] }
        // JSON lines, each ending in a newline (a last one without is a record too).
        var count = text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        if let last = text.utf8.last, last != 10 { count += 1 }
        let listed = list(fields["indexes"])
        return (0..<count).map { $0 < listed.count ? index(String(listed[$0])) : -1 }
    }

    /// The index field as a number from 0, or -1.
    static func index(_ text: String?) -> Int {
        text.flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil } ?? -1
    }

    /// A comma-separated field's items; none when it is missing or empty.
    private static func list(_ text: String?) -> [Substring] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",", omittingEmptySubsequences: false)
    }
}
