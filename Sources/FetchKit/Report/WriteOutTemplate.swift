/// A `-w/--write-out` template (curl's language), parsed once at start-up into the parts
/// each record's output is built from.
///
/// As curl: `%{name}` is a variable (names compare without case), `%%` a percent sign,
/// `\n`, `\r` and `\t` a newline, carriage return and tab, `%{onerror}` ends the output of
/// a record that is ok, `%{stdout}` and `%{stderr}` switch the stream the rest goes to, and
/// anything else is written as it stands. Better than curl: an unknown variable is a usage
/// error naming it (curl warns and writes nothing for it), and `\\` is one backslash
/// (curl 7.88 writes both).
public struct WriteOutTemplate: Sendable, Equatable {
    /// One piece of a record's output.
    enum Part: Sendable, Equatable {
        case literal([UInt8])
        case curl(WriteOutVariable)
        /// A record field by its key: cfetch's own variables (`worker`, `queued`, `error`…).
        case field(RecordField)
        /// `%{onerror}`: the rest is written only for a record that is not ok.
        case onError
        /// `%{stdout}` (false) or `%{stderr}` (true): where the rest goes.
        case toStderr(Bool)
    }

    let parts: [Part]

    /// Parses `text`; an unknown variable or a `%{` without its `}` is a usage error.
    public init(_ text: String) throws(UsageError) {
        var parts: [Part] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal.removeAll()
        }
        let bytes = Array(text.utf8)
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            let next = position + 1 < bytes.count ? bytes[position + 1] : nil
            switch (byte, next) {
            case (UInt8(ascii: "%"), UInt8(ascii: "%")):
                literal.append(UInt8(ascii: "%"))
                position += 2
            case (UInt8(ascii: "%"), UInt8(ascii: "{")):
                guard let close = bytes[(position + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw UsageError("-w/--write-out: '%{' without its closing '}'")
                }
                let name = String(decoding: bytes[(position + 2)..<close], as: UTF8.self)
                flush()
                parts.append(try Self.part(named: name))
                position = close + 1
            case (UInt8(ascii: "%"), UInt8(ascii: "h")) where bytes[position...].starts(with: Array("%header{".utf8)):
                throw UsageError("-w/--write-out: %header{…} is not supported (records do not keep headers)")
            case (UInt8(ascii: "%"), .some(let other)):
                // curl writes an unknown %-letter as it stands, the letter included.
                literal.append(contentsOf: [byte, other])
                position += 2
            case (UInt8(ascii: "\\"), .some(let letter)) where Self.escaped[letter] != nil:
                literal.append(Self.escaped[letter] ?? letter)
                position += 2
            default:
                literal.append(byte)
                position += 1
            }
        }
        flush()
        self.parts = parts
    }

    private static let escaped: [UInt8: UInt8] = [
        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "\\"): 0x5C,
    ]

    /// The part `%{name}` stands for: curl's variables first, then the record's fields.
    private static func part(named name: String) throws(UsageError) -> Part {
        let key = name.lowercased()
        switch key {
        case "onerror": return .onError
        case "stdout": return .toStderr(false)
        case "stderr": return .toStderr(true)
        default: break
        }
        if let variable = WriteOutVariable(rawValue: key) { return .curl(variable) }
        if let field = RecordField(rawValue: key) { return .field(field) }
        throw UsageError(
            "-w/--write-out: unknown variable '%{\(name)}'; the variables are \(variableNames.joined(separator: ", "))")
    }

    /// Every name `%{…}` takes: curl's, then the record fields curl has no name for.
    public static let variableNames: [String] =
        WriteOutVariable.allCases.map(\.rawValue) + ["onerror", "stdout", "stderr"]
        + RecordField.keys.filter { WriteOutVariable(rawValue: $0) == nil }
}
