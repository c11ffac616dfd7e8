import Foundation

/// `csv`: RFC 4180 — a header row, CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break; null is an empty field.
struct CSVFormatter: RecordFormatter {
    var header: String? { OutputFormat.fields.joined(separator: ",") + "\r\n" }

    func format(_ record: FetchRecord) -> String {
        record.fieldValues.map { value -> String in
            switch value {
            case .string(let text): text.map(Self.escaped) ?? ""
            case .int(let number): number.map(String.init) ?? ""
            case .seconds(let seconds): formatSeconds(seconds)
            case .bool(let flag): flag ? "true" : "false"
            }
        }.joined(separator: ",") + "\r\n"
    }

    func footer(_ summary: RunSummary) -> String? { nil }

    static func escaped(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
