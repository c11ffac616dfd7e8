/// Text made safe for the report: between tags or inside a double-quoted attribute, in
/// HTML and in inline SVG. URLs come from user input and may hold `<`, `&` and quotes.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        // Numbers and strategy names need nothing; skip the copy for them.
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            // Other control characters are not allowed in XML, and mean nothing in a tooltip.
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            true
        default: byte < 0x20 && byte != 0x09 && byte != 0x0A || byte == 0x7F
        }
    }
}
