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

/// Turns records into the lines of one output format, as UTF-8 bytes.
protocol RecordFormatter: Sendable {
    /// Written before the first record (the CSV header), or nil.
    var header: String? { get }
    /// Appends one record's text, newline included.
    func format(_ record: FetchRecord, into output: inout [UInt8])
    /// Written after the last record (the text view's totals), or nil.
    func footer(_ summary: RunSummary) -> String?
}

extension RecordFormatter {
    /// One record's text (tests, and callers off the hot path).
    func format(_ record: FetchRecord) -> String {
        var bytes: [UInt8] = []
        format(record, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A record's fields as values, in `OutputFormat.fields` order, for the flat formats.
enum FieldValue {
    case string(String?)
    case int(Int?)
    case seconds(Double)
    case bool(Bool)
}

extension FetchRecord {
    /// Calls `body` with each field's value, in `OutputFormat.fields` order.
    @inline(__always)
    func forEachField(_ body: (FieldValue) -> Void) {
        body(.int(index))
        body(.string(url))
        body(.bool(ok))
        body(.int(status))
        body(.int(bytes))
        body(.int(worker))
        body(.string(strategy))
        body(.int(attempts))
        body(.seconds(queued))
        body(.seconds(start))
        body(.seconds(elapsed))
        body(.seconds(phases.dns))
        body(.seconds(phases.connect))
        body(.seconds(phases.tls))
        body(.seconds(phases.ttfb))
        body(.seconds(phases.total))
        body(.string(httpVersion))
        body(.string(contentType))
        body(.string(effectiveURL))
        body(.string(error?.rawValue))
        body(.string(message))
    }
}
