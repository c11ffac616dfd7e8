/// `%XX` escapes in a `redis://` URL's user and password, so either can hold the
/// characters that delimit the URL (`@`, `:`, `/`).
enum PercentDecoding {
    /// `text` with each `%XX` replaced by its byte; the result must be UTF-8.
    static func decode(_ text: Substring, what: String) throws(RedisURLError) -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw RedisURLError("the \(what) has a % that is not followed by two hexadecimal digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw RedisURLError("the \(what) is not UTF-8 once percent-decoded")
        }
        return decoded
    }

    /// `text` with the characters that would end a URL's user part escaped.
    static func encode(_ text: String) -> String {
        var encoded = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%", ":", "@", "/", "?", "#", "[", "]":
                encoded += "%" + String(scalar.value, radix: 16, uppercase: true)
            default:
                encoded.unicodeScalars.append(scalar)
            }
        }
        return encoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
