/// `csv`: RFC 4180 — a header row, CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break; null is an empty field. Columns in `RecordField` order, or the
/// fields `--fields` chose, in its order.
struct CSVFormatter: RecordFormatter {
    private let fields: [RecordField]

    init(fields: [RecordField] = RecordField.ordered) {
        self.fields = fields
    }

    var header: String? { fields.map(\.key).joined(separator: ",") + "\r\n" }

    func format(_ record: FetchRecord, into output: inout [UInt8]) {
        for (position, field) in fields.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            switch field.value(in: record) {
            case .string(let text): if let text { Self.appendEscaped(text, to: &output) }
            case .json(let text): if let text { Self.appendEscaped(RecordID.text(ofJSON: text), to: &output) }
            case .int(let number): if let number { output.append(decimal: number) }
            case .seconds(let seconds): output.append(seconds: seconds)
            case .bool(let flag): output.append(ascii: flag ? "true" : "false")
            }
        }
        output.append(ascii: "\r\n")
    }

    func footer(_ summary: RunSummary) -> String? { nil }

    static func appendEscaped(_ field: String, to output: inout [UInt8]) {
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            output.append(utf8: field)
            return
        }
        output.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == 0x22 { output.append(UInt8(ascii: "\"")) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }
}
