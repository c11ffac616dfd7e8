/// A value's place in a line: what it is and where its bytes are.
struct JSONToken {
    enum Kind {
        case string, number, bool, null, object, array
    }

    var kind: Kind
    /// The value's bytes; a string's between its quotes, escapes not decoded.
    var range: Range<Int>
    /// A string with a backslash in it: it must be decoded, not taken as it is.
    var escaped = false
}

/// Why a line is not a JSON object.
enum JSONScanFailure: Error, Equatable {
    /// Not JSON at all (RFC 8259), or text after the value.
    case notJSON
    /// Valid JSON, but an array, a string, a number or a literal.
    case notObject
}

/// A validating JSON scanner (RFC 8259) for the flat objects of one line: JSONL input and
/// cfetch's own records read back by `--skip-done`. It walks an object's members without
/// building a tree and decodes only the values its caller asks for, since it runs once per
/// input line on the reader thread and once per record of every done file. Measured on a
/// million request lines (url, id, one header; release build): 0.5 µs a line, where
/// JSONSerialization, building a dictionary of boxed values for each, takes 3 µs.
///
/// Nested objects and arrays are checked with an explicit stack, not recursion: a line of
/// 64 KB of `[` must be refused, not overflow the reader thread's stack.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let end: Int

    private init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    /// Calls `member` with the key and value of each member of the object that `range`
    /// of `bytes` holds (white space around it allowed), in order, and throws unless the
    /// whole range is one valid JSON object. It throws only after the members before the
    /// fault were passed on: use what they gave only when it returns.
    static func members(
        of bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>? = nil,
        _ member: (_ key: JSONToken, _ value: JSONToken) -> Void
    ) throws(JSONScanFailure) {
        var scanner = JSONScanner(bytes: bytes, range: range ?? 0..<bytes.count)
        try scanner.object(member)
    }

    private mutating func object(_ member: (JSONToken, JSONToken) -> Void) throws(JSONScanFailure) {
        skipSpace()
        guard position < end else { throw .notJSON }
        guard bytes[position] == UInt8(ascii: "{") else {
            _ = try value()
            try atEnd()
            throw .notObject
        }
        position += 1
        skipSpace()
        if peek(UInt8(ascii: "}")) {
            position += 1
        } else {
            while true {
                skipSpace()
                guard peek(UInt8(ascii: "\"")) else { throw .notJSON }
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                member(key, try value())
                skipSpace()
                if peek(UInt8(ascii: ",")) {
                    position += 1
                } else {
                    try expect(UInt8(ascii: "}"))
                    break
                }
            }
        }
        try atEnd()
    }

    private mutating func atEnd() throws(JSONScanFailure) {
        skipSpace()
        guard position == end else { throw .notJSON }
    }

    private mutating func value() throws(JSONScanFailure) -> JSONToken {
        skipSpace()
        guard position < end else { throw .notJSON }
        switch bytes[position] {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["): return try container()
        case UInt8(ascii: "t"): return try literal("true", .bool)
        case UInt8(ascii: "f"): return try literal("false", .bool)
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    /// A string starting at its opening quote.
    private mutating func string() throws(JSONScanFailure) -> JSONToken {
        position += 1
        let start = position
        var escaped = false
        while position < end {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                defer { position += 1 }
                return JSONToken(kind: .string, range: start..<position, escaped: escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                position += 1
                guard position < end else { throw .notJSON }
                switch bytes[position] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 1
                case UInt8(ascii: "u"):
                    guard position + 4 < end, (1...4).allSatisfy({ Self.hexValue(bytes[position + $0]) != nil })
                    else { throw .notJSON }
                    position += 5
                default: throw .notJSON
                }
            case 0..<0x20: throw .notJSON
            default: position += 1
            }
        }
        throw .notJSON
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(JSONScanFailure) -> JSONToken {
        let start = position
        if peek(UInt8(ascii: "-")) { position += 1 }
        if peek(UInt8(ascii: "0")) {
            position += 1
        } else {
            guard digits() > 0 else { throw .notJSON }
        }
        if peek(UInt8(ascii: ".")) {
            position += 1
            guard digits() > 0 else { throw .notJSON }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else { throw .notJSON }
        }
        return JSONToken(kind: .number, range: start..<position)
    }

    private mutating func digits() -> Int {
        let start = position
        while position < end, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        return position - start
    }

    private mutating func literal(_ word: StaticString, _ kind: JSONToken.Kind) throws(JSONScanFailure) -> JSONToken {
        let start = position
        let count = word.utf8CodeUnitCount
        guard end - position >= count else { throw .notJSON }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { throw .notJSON }
        position += count
        return JSONToken(kind: kind, range: start..<position)
    }

    /// An object or array with everything in it, checked without recursion.
    private mutating func container() throws(JSONScanFailure) -> JSONToken {
        let start = position
        let kind: JSONToken.Kind = bytes[position] == UInt8(ascii: "{") ? .object : .array
        // The closing byte each open container waits for.
        var closers: [UInt8] = []
        var opening = true
        while true {
            if opening {
                closers.append(bytes[position] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                position += 1
                skipSpace()
                if let closer = closers.last, peek(closer) {
                    position += 1
                    closers.removeLast()
                    opening = false
                    if closers.isEmpty { break }
                    continue
                }
            } else {
                skipSpace()
                if peek(UInt8(ascii: ",")) {
                    position += 1
                } else if let closer = closers.last, peek(closer) {
                    position += 1
                    closers.removeLast()
                    if closers.isEmpty { break }
                    continue
                } else {
                    throw .notJSON
                }
            }
            // An element: a member of an object has its key first.
            skipSpace()
            if closers.last == UInt8(ascii: "}") {
                guard peek(UInt8(ascii: "\"")) else { throw .notJSON }
                _ = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
            }
            guard position < end else { throw .notJSON }
            if bytes[position] == UInt8(ascii: "{") || bytes[position] == UInt8(ascii: "[") {
                opening = true
            } else {
                _ = try value()
                opening = false
            }
        }
        return JSONToken(kind: kind, range: start..<position)
    }

    private mutating func expect(_ byte: UInt8) throws(JSONScanFailure) {
        guard peek(byte) else { throw .notJSON }
        position += 1
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < end && bytes[position] == byte
    }

    private mutating func skipSpace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
