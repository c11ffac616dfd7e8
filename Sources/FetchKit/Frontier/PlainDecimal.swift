/// A decimal number as a person writes one in an option or a robots.txt: digits with an
/// optional fraction (`10`, `0.5`, `.5`, `5.`), no sign, no exponent, no `inf` or `nan`.
/// `Double(_:)` alone would take all of those, and `1e3/s` is not a rate anyone means.
enum PlainDecimal {
    /// The value of `bytes` when they are exactly such a number, else nil.
    static func parse(_ bytes: some Collection<UInt8>) -> Double? {
        var digits = 0
        var points = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): points += 1
            default: return nil
            }
        }
        guard digits > 0, points <= 1 else { return nil }
        // "5." and ".5" become "5.0" and "0.5", which no reader of decimals disputes.
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasSuffix(".") { text += "0" }
        return Double(text)
    }

    /// `value` (finite, not negative) written without an exponent, in the fewest digits
    /// that `parse` reads back as exactly `value`.
    static func text(_ value: Double) -> String {
        let shortest = "\(value)"
        guard let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(shortest[shortest.index(after: e)...])
        else {
            return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
        }
        let mantissa = shortest[..<e]
        let digits = mantissa.filter { $0 != "." }
        let integerDigits = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
        let point = (integerDigits ?? mantissa.count) + exponent
        if point <= 0 {
            return "0." + String(repeating: "0", count: -point) + digits
        }
        if point >= digits.count {
            return digits + String(repeating: "0", count: point - digits.count)
        }
        return digits.prefix(point) + "." + digits.dropFirst(point)
    }
}
