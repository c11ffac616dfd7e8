/// How records are written to stdout.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// The human view: one line per task event, then per-task totals and the wall time.
    case text
    /// One JSON object per line, flushed per record.
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv

    var formatter: RecordFormatter { formatter(fields: RecordField.ordered) }

    /// The formatter writing `fields` in that order (`--fields`); the text view, made for
    /// people, always shows what it shows.
    func formatter(fields: [RecordField]) -> RecordFormatter {
        switch self {
        case .text: TextFormatter()
        case .jsonl: JSONLinesFormatter(fields: fields)
        case .csv: CSVFormatter(fields: fields)
        }
    }
}

/// Turns records into the lines of one output format, as UTF-8 bytes.
protocol RecordFormatter: Sendable {
    /// Written before the first record (the CSV header), or nil.
    var header: String? { get }
    /// Appends one record's text, newline included.
    func format(_ record: FetchRecord, into output: inout [UInt8])
    /// Appends one record's text, and what goes to stderr (`-w`'s `%{stderr}`) to `errorOutput`.
    func format(_ record: FetchRecord, into output: inout [UInt8], errorOutput: inout [UInt8])
    /// Written after the last record (the text view's totals), or nil.
    func footer(_ summary: RunSummary) -> String?
}

extension RecordFormatter {
    /// Formats write to stdout only.
    func format(_ record: FetchRecord, into output: inout [UInt8], errorOutput: inout [UInt8]) {
        format(record, into: &output)
    }

    /// One record's text (tests, and callers off the hot path).
    func format(_ record: FetchRecord) -> String {
        var bytes: [UInt8] = []
        format(record, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
