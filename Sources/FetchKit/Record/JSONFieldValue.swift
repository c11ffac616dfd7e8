/// A value of a JSONL record line as `FetchRecord(jsonLine:)` read it with `JSONScanner`,
/// typed just enough for `RecordField.decode` to set a field from it.
enum JSONFieldValue: Equatable {
    /// A string, escapes decoded.
    case string(String)
    /// A number, as its JSON text (`7`, `0.25`, `1e3`).
    case number(String)
    case bool(Bool)
    /// `null`, an object, an array, or a string that is not valid Unicode: no field takes one.
    case other

    /// The value of `token`, one of `bytes`' values.
    init(_ token: JSONToken, in bytes: UnsafeBufferPointer<UInt8>) {
        switch token.kind {
        case .string: self = JSONScanner.string(token, in: bytes).map(Self.string) ?? .other
        case .number: self = .number(String(decoding: bytes[token.range], as: UTF8.self))
        case .bool: self = .bool(bytes[token.range.lowerBound] == UInt8(ascii: "t"))
        case .null, .object, .array: self = .other
        }
    }

    var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    var bool: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// A number that is a whole one (`7`, and `7.0` or `7e0` as JSONSerialization took them).
    var int: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text) ?? Double(text).flatMap { Int(exactly: $0) }
    }

    var double: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }
}
