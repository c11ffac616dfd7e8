/// The record's `id`, kept as the JSON text the input line gave (`"a1"`, `7`): the JSONL
/// writes it as it is, CSV and the text view as its text (`a1`, `7`).
enum RecordID {
    /// `a1` for `"a1"` (escapes decoded), `7` for `7`.
    static func text(ofJSON json: String) -> String {
        var json = json
        return json.withUTF8 { bytes in
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\""), bytes[bytes.count - 1] == UInt8(ascii: "\"") else {
                return nil
            }
            let token = JSONToken(
                kind: .string, range: 1..<bytes.count - 1, escaped: bytes.contains(UInt8(ascii: "\\")))
            return JSONScanner.string(token, in: bytes)
        } ?? json
    }

    /// The id's JSON text from the value a JSONL line gave for it: a string quoted as
    /// cfetch writes strings, a number as the line wrote it; nil for null, a missing key
    /// or another kind.
    static func json(parsed value: JSONFieldValue?) -> String? {
        switch value {
        case .string(let text):
            var quoted: [UInt8] = []
            JSONLinesFormatter.appendQuoted(text, to: &quoted)
            return String(decoding: quoted, as: UTF8.self)
        case .number(let text): return text
        case .bool, .other, nil: return nil
        }
    }
}
