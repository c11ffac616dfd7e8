/// `jsonl`: one flat JSON object per record, keys in `RecordField` order, or the fields
/// `--fields` chose, in its order.
package struct JSONLinesFormatter: RecordFormatter {
    private let fields: [RecordField]
    /// `"index":`, `,"url":`, … precomputed once.
    private let keyPrefixes: [[UInt8]]

    package init(fields: [RecordField] = RecordField.ordered) {
        self.fields = fields
        keyPrefixes = fields.enumerated().map { position, field in
            Array(((position == 0 ? "{" : ",") + "\"\(field.key)\":").utf8)
        }
    }

    var header: String? { nil }

    func format(_ record: FetchRecord, into output: inout [UInt8]) {
        if fields.isEmpty { output.append(UInt8(ascii: "{")) }
        for (position, field) in fields.enumerated() {
            output.append(contentsOf: keyPrefixes[position])
            switch field.value(in: record) {
            case .string(let text):
                if let text { Self.appendQuoted(text, to: &output) } else { output.append(ascii: "null") }
            case .json(let text): if let text { output.append(utf8: text) } else { output.append(ascii: "null") }
            case .int(let number):
                if let number { output.append(decimal: number) } else { output.append(ascii: "null") }
            case .seconds(let seconds): output.append(seconds: seconds)
            case .bool(let flag): output.append(ascii: flag ? "true" : "false")
            }
        }
        output.append(ascii: "}\n")
    }

    func footer(_ summary: RunSummary) -> String? { nil }

    /// One record as a JSON object's text, without the newline (queue mode's results
    /// stream keeps one per entry).
    package func object(_ record: FetchRecord) -> String {
        var bytes: [UInt8] = []
        format(record, into: &bytes)
        bytes.removeLast()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON string literal (RFC 8259 escaping; non-ASCII stays UTF-8).
    package static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (position, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
            {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                runStart = position + 1
                switch byte {
                case 0x22: output.append(ascii: "\\\"")
                case 0x5C: output.append(ascii: "\\\\")
                case 0x0A: output.append(ascii: "\\n")
                case 0x0D: output.append(ascii: "\\r")
                case 0x09: output.append(ascii: "\\t")
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    output.append(ascii: "\\u00")
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
