extension JSONScanner {
    /// Whether `token` (a key) is `name`, an ASCII key written without escapes, as every key
    /// cfetch reads is in practice; an escaped key is decoded first.
    static func key(_ token: JSONToken, in bytes: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        guard token.kind == .string else { return false }
        if token.escaped { return string(token, in: bytes) == name.description }
        guard token.range.count == name.utf8CodeUnitCount else { return false }
        for offset in 0..<token.range.count where bytes[token.range.lowerBound + offset] != name.utf8Start[offset] {
            return false
        }
        return true
    }

    /// A string token's text, escapes decoded; nil when it is not valid UTF-8 or a `\u`
    /// escape is half of a surrogate pair.
    static func string(_ token: JSONToken, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let raw = UnsafeBufferPointer(rebasing: bytes[token.range])
        guard token.escaped else { return String(validating: raw, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        var position = 0
        while position < raw.count {
            let byte = raw[position]
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                position += 1
                continue
            }
            // The scanner checked the escape's form: a known letter, or `u` and four hex digits.
            let letter = raw[position + 1]
            position += 2
            switch letter {
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var unit = codeUnit(raw, at: position)
                position += 4
                if (0xD800..<0xDC00).contains(unit) {
                    // A high surrogate must be followed by an escaped low one.
                    guard position + 6 <= raw.count, raw[position] == UInt8(ascii: "\\"),
                        raw[position + 1] == UInt8(ascii: "u")
                    else { return nil }
                    let low = codeUnit(raw, at: position + 2)
                    guard (0xDC00..<0xE000).contains(low) else { return nil }
                    position += 6
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(unit) else { return nil }
                UTF8.encode(scalar) { decoded.append($0) }
            default: decoded.append(letter)
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func codeUnit(_ raw: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt32 {
        (0..<4).reduce(0) { value, offset in value << 4 | (hexValue(raw[position + offset]) ?? 0) }
    }
}
