/// An RFC 4180 parser: fields separated by commas, records by CRLF (a bare LF is
/// accepted too), fields in double quotes may hold commas, CR, LF and doubled quotes.
/// Strict about quotes: text after a closing quote, or a quote inside an unquoted
/// field, is an error, so sloppy quoting in cfetch's output does not slip through.
enum CSV {
    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var offset: Int
        var description: String { "CSV: \(message) at character \(offset)" }
    }

    struct Document {
        var rows: [[String]]
        /// Every record ended with CRLF (RFC 4180), not a bare LF.
        var usesCRLF: Bool
    }

    static func parse(_ text: String) throws -> Document {
        let characters = Array(text.unicodeScalars)
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var usesCRLF = true
        var position = 0
        var fieldStarted = false

        func endField() {
            row.append(String(field))
            field = String.UnicodeScalarView()
            fieldStarted = false
        }
        func endRow() {
            endField()
            rows.append(row)
            row = []
        }

        while position < characters.count {
            let scalar = characters[position]
            if !fieldStarted && scalar == "\"" {
                // A quoted field, up to the closing quote.
                position += 1
                while true {
                    guard position < characters.count else {
                        throw ParseError(message: "unterminated quoted field", offset: position)
                    }
                    let inner = characters[position]
                    if inner == "\"" {
                        if position + 1 < characters.count && characters[position + 1] == "\"" {
                            field.append("\"")
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    field.append(inner)
                    position += 1
                }
                fieldStarted = true
                // After the closing quote: a separator, a line end or the end of the text.
                if position < characters.count {
                    let next = characters[position]
                    guard next == "," || next == "\r" || next == "\n" else {
                        throw ParseError(message: "text after a closing quote", offset: position)
                    }
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
                position += 1
            case "\r":
                guard position + 1 < characters.count, characters[position + 1] == "\n" else {
                    throw ParseError(message: "CR not followed by LF outside quotes", offset: position)
                }
                endRow()
                position += 2
            case "\n":
                usesCRLF = false
                endRow()
                position += 1
            case "\"":
                throw ParseError(message: "quote inside an unquoted field", offset: position)
            default:
                field.append(scalar)
                fieldStarted = true
                position += 1
            }
        }
        // A last record without a line end.
        if fieldStarted || !row.isEmpty || !field.isEmpty {
            endRow()
            usesCRLF = false
        }
        return Document(rows: rows, usesCRLF: usesCRLF)
    }
}
