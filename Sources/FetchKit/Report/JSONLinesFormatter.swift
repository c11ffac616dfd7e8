/// `jsonl`: one flat JSON object per record, keys in `OutputFormat.fields` order.
struct JSONLinesFormatter: RecordFormatter {
    var header: String? { nil }

    func format(_ record: FetchRecord) -> String {
        var line = "{"
        for (key, value) in zip(OutputFormat.fields, record.fieldValues) {
            if line.utf8.count > 1 { line += "," }
            line += "\"\(key)\":"
            switch value {
            case .string(let text): line += text.map(Self.quoted) ?? "null"
            case .int(let number): line += number.map(String.init) ?? "null"
            case .seconds(let seconds): line += formatSeconds(seconds)
            case .bool(let flag): line += flag ? "true" : "false"
            }
        }
        return line + "}\n"
    }

    func footer(_ summary: RunSummary) -> String? { nil }

    /// A JSON string literal (RFC 8259 escaping; non-ASCII stays UTF-8).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
