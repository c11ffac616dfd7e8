/// How records are written to stdout.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// The human view: one line per task event, then per-task totals and the wall time.
    case text
    /// One JSON object per line, flushed per record.
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv

    /// The record keys / CSV columns, in order (DESIGN.md, "Records").
    public static let fields = [
        "index", "url", "ok", "status", "bytes", "worker", "strategy", "attempts", "queued", "start",
        "elapsed", "dns", "connect", "tls", "ttfb", "total", "http_version", "content_type",
        "effective_url", "error", "message",
    ]

    var formatter: RecordFormatter {
        switch self {
        case .text: TextFormatter()
        case .jsonl: JSONLinesFormatter()
        case .csv: CSVFormatter()
        }
    }
}

/// Turns records into the lines of one output format.
protocol RecordFormatter: Sendable {
    /// Written before the first record (the CSV header), or nil.
    var header: String? { get }
    /// The text for one record, newline included.
    func format(_ record: FetchRecord) -> String
    /// Written after the last record (the text view's totals), or nil.
    func footer(_ summary: RunSummary) -> String?
}

/// A record's fields as values, in `OutputFormat.fields` order, for the flat formats.
enum FieldValue {
    case string(String?)
    case int(Int?)
    case seconds(Double)
    case bool(Bool)
}

extension FetchRecord {
    var fieldValues: [FieldValue] {
        [
            .int(index), .string(url), .bool(ok), .int(status), .int(bytes), .int(worker),
            .string(strategy), .int(attempts), .seconds(queued), .seconds(start), .seconds(elapsed),
            .seconds(phases.dns), .seconds(phases.connect), .seconds(phases.tls), .seconds(phases.ttfb),
            .seconds(phases.total), .string(httpVersion), .string(contentType), .string(effectiveURL),
            .string(error?.rawValue), .string(message),
        ]
    }
}

/// Seconds with microsecond resolution, as curl measures them.
func formatSeconds(_ value: Double) -> String {
    let micros = Int((value * 1e6).rounded())
    let whole = micros / 1_000_000
    let fraction = String(micros % 1_000_000)
    return "\(whole)." + String(repeating: "0", count: 6 - fraction.count) + fraction
}
