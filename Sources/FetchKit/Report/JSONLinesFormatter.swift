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

    /// Reserves the record's worst-case length at the end of `output` (each field's value
    /// asked for twice: for its length, then to write it), writes the record there with
    /// stores rather than appends, and gives back what it did not use. A record is two
    /// dozen fields: appended piece by piece, each piece's `Array` append (uniqueness,
    /// capacity, a `memcpy` call for a few bytes) cost more than writing it.
    func format(_ record: FetchRecord, into output: inout [UInt8]) {
        var most = 3  // "{" when no field, "}\n"
        for (position, field) in fields.enumerated() {
            most &+= keyPrefixes[position].count &+ field.value(in: record).mostJSONBytes
        }
        output.append(reserving: most) { writer in
            if fields.isEmpty { writer.write(UInt8(ascii: "{")) }
            for (position, field) in fields.enumerated() {
                keyPrefixes[position].withUnsafeBufferPointer { writer.write($0) }
                switch field.value(in: record) {
                case .string(let text):
                    if let text { writer.writeQuoted(text) } else { writer.write(ascii: "null") }
                case .json(let text): if let text { writer.write(utf8: text) } else { writer.write(ascii: "null") }
                case .int(let number):
                    if let number { writer.writeDecimal(number) } else { writer.write(ascii: "null") }
                case .seconds(let seconds): writer.writeSeconds(seconds)
                case .bool(let flag): writer.write(ascii: flag ? "true" : "false")
                }
            }
            writer.write(ascii: "}\n")
        }
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
        output.append(reserving: ReservedBytesWriter.mostQuotedBytes(utf8Count: text.utf8.count)) {
            $0.writeQuoted(text)
        }
    }
}
