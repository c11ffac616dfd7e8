/// The one spelling of a path that robots.txt rules and URLs are compared in (RFC 9309
/// 2.2.2), so that `/%7Ejoe`, `/~joe` and `/%7ejoe` are one path, and `/ä` matches `/%C3%A4`:
/// `%XX` of an unreserved character is decoded, the hex of every other `%XX` is upper-cased,
/// and each byte outside ASCII is written `%XX`. Reserved characters are left as they are:
/// encoding them would make `%2F` the same as `/`, which a server does not take it for.
enum RobotsPath {
    /// `bytes` in that spelling; the same bytes, uncopied, when nothing needs changing
    /// (the common case: ASCII without `%`).
    static func normalised(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 >= 0x80 }) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    result.append(decoded)
                } else {
                    appendEncoded(decoded, to: &result)
                }
                index += 3
                continue
            }
            if byte >= 0x80 {
                appendEncoded(byte, to: &result)
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }

    /// `normalised` for bytes held in an array or a string's UTF-8.
    static func normalised(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { normalised($0) } ?? array
    }

    private static func appendEncoded(_ byte: UInt8, to result: inout [UInt8]) {
        result.append(UInt8(ascii: "%"))
        result.append(hexDigits[Int(byte >> 4)])
        result.append(hexDigits[Int(byte & 0x0F)])
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// RFC 3986 2.3: ALPHA / DIGIT / "-" / "." / "_" / "~".
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
