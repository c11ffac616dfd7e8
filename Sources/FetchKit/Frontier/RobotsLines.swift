/// The `key: value` lines of a robots.txt, read as leniently as Google's parser reads them:
/// CR, LF or CRLF ends a line; a UTF-8 byte order mark (or the start of one) is skipped; `#`
/// starts a comment; the key is matched without regard to case, with blanks allowed around
/// the `:`; a line without a `:` is skipped. Only the first `byteLimit` bytes are read, and a
/// line that runs past the limit is dropped rather than read cut short (a cut `Allow:` would
/// allow more than it says). Bytes are never decoded, so invalid UTF-8 does no harm.
struct RobotsLines: Sequence {
    /// RFC 9309 2.5: a parser must read at least 500 KiB; Google reads no more.
    static let byteLimit = 500 * 1024
    /// Google's longest line (2083 × 8 bytes); the rest of a longer line is ignored.
    static let lineLimit = 2_083 * 8

    /// What a line says; unknown keys (`Sitemap:`, `Host:`…) are `.other`.
    enum Key {
        case userAgent, allow, disallow, crawlDelay, other
    }

    struct Line {
        let key: Key
        /// Without blanks around it, or the comment after it.
        let value: ArraySlice<UInt8>
    }

    private let body: ArraySlice<UInt8>

    init(_ body: [UInt8]) {
        var text = body[...]
        for byte: UInt8 in [0xEF, 0xBB, 0xBF] {
            guard text.first == byte else { break }
            text = text.dropFirst()
        }
        if text.count > Self.byteLimit {
            let cut = text.startIndex + Self.byteLimit
            let lineEndsAtCut = Self.isLineEnd(text[cut])
            text = text[..<cut]
            if !lineEndsAtCut {
                text = text[..<(text.lastIndex(where: Self.isLineEnd) ?? text.startIndex)]
            }
        }
        self.body = text
    }

    func makeIterator() -> Iterator { Iterator(rest: body) }

    struct Iterator: IteratorProtocol {
        var rest: ArraySlice<UInt8>

        mutating func next() -> Line? {
            while !rest.isEmpty {
                let end = rest.firstIndex(where: RobotsLines.isLineEnd) ?? rest.endIndex
                let line = rest[..<Swift.min(end, rest.startIndex + RobotsLines.lineLimit)]
                rest = rest[end...].dropFirst()
                if let parsed = RobotsLines.parse(line) { return parsed }
            }
            return nil
        }
    }

    private static func parse(_ line: ArraySlice<UInt8>) -> Line? {
        let content = line.prefix { $0 != UInt8(ascii: "#") }
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = trimmed(content[..<colon])
        return Line(key: Self.key(key), value: trimmed(content[(colon + 1)...]))
    }

    private static func key(_ name: ArraySlice<UInt8>) -> Key {
        let lowered = String(decoding: name.map { $0 | (isUpper($0) ? 0x20 : 0) }, as: UTF8.self)
        return keys[lowered] ?? .other
    }

    /// The keys and the misspellings Google accepts for them.
    private static let keys: [String: Key] = [
        "user-agent": .userAgent, "useragent": .userAgent, "user agent": .userAgent,
        "allow": .allow,
        "disallow": .disallow, "dissallow": .disallow, "dissalow": .disallow, "disalow": .disallow,
        "diasllow": .disallow, "disallaw": .disallow,
        "crawl-delay": .crawlDelay,
    ]

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = bytes
        while let first = result.first, isBlank(first) { result = result.dropFirst() }
        while let last = result.last, isBlank(last) { result = result.dropLast() }
        return result
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0B || byte == 0x0C
    }

    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }

    private static func isLineEnd(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") }
}
