/// Reads RFC 4180 rows (cfetch's `csv`) line by line: a quoted field may hold line breaks,
/// so a row whose quotes are not closed takes the next line too.
struct CSVRowReader {
    /// One row: its bytes and where each field is in them.
    struct Row {
        var bytes: [UInt8]
        var fields: [(range: Range<Int>, quoted: Bool)]

        /// Field `column`'s text, `""` unquoted; nil past the row's end.
        func text(_ column: Int) -> String? {
            guard fields.indices.contains(column) else { return nil }
            let (range, quoted) = fields[column]
            guard quoted else { return String(decoding: bytes[range], as: UTF8.self) }
            var text: [UInt8] = []
            var previousQuote = false
            for byte in bytes[range] {
                if byte == UInt8(ascii: "\""), previousQuote {
                    previousQuote = false
                    continue
                }
                previousQuote = byte == UInt8(ascii: "\"")
                text.append(byte)
            }
            return String(decoding: text, as: UTF8.self)
        }

        /// Whether field `column` is exactly `word` (unquoted).
        func field(_ column: Int, is word: StaticString) -> Bool {
            guard fields.indices.contains(column), !fields[column].quoted else { return false }
            let range = fields[column].range
            guard range.count == word.utf8CodeUnitCount else { return false }
            return (0..<range.count).allSatisfy { bytes[range.lowerBound + $0] == word.utf8Start[$0] }
        }
    }

    enum Next {
        case row(Row)
        /// A row that is not RFC 4180: a stray quote, or quotes still open at the end.
        case malformed
    }

    private var lines: LineReader

    init(lines: LineReader) {
        self.lines = lines
    }

    /// The next row, or nil at the end of the input; `firstLine` is its first line when
    /// the caller has read it already.
    mutating func next(firstLine: [UInt8]? = nil) throws(SystemCallError) -> Next? {
        var bytes: [UInt8] = []
        var quotes = 0
        var first = true
        var given = firstLine
        while true {
            let line: LineReader.Line
            if let text = given {
                line = .text(text)
                given = nil
            } else {
                guard let read = try lines.next() else {
                    if first { return nil }
                    return .malformed
                }
                line = read
            }
            guard case .text(let text) = line else { return .malformed }
            if !first { bytes.append(0x0A) }
            first = false
            bytes.append(contentsOf: text)
            quotes += text.count(where: { $0 == UInt8(ascii: "\"") })
            if quotes % 2 == 0 { break }
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        guard let fields = Self.split(bytes) else { return .malformed }
        return .row(Row(bytes: bytes, fields: fields))
    }

    /// Where each field is, inside its quotes for a quoted one; nil for a stray quote.
    private static func split(_ bytes: [UInt8]) -> [(range: Range<Int>, quoted: Bool)]? {
        var fields: [(range: Range<Int>, quoted: Bool)] = []
        var position = 0
        while true {
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                let start = position + 1
                position = start
                while true {
                    guard position < bytes.count else { return nil }
                    if bytes[position] == UInt8(ascii: "\"") {
                        if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                            position += 2
                            continue
                        }
                        break
                    }
                    position += 1
                }
                fields.append((start..<position, true))
                position += 1
            } else {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: ",") {
                    if bytes[position] == UInt8(ascii: "\"") { return nil }
                    position += 1
                }
                fields.append((start..<position, false))
            }
            guard position < bytes.count else { return fields }
            guard bytes[position] == UInt8(ascii: ",") else { return nil }
            position += 1
        }
    }
}
