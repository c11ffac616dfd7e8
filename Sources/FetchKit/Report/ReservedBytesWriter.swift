/// Writes JSON pieces into room set aside for them beforehand: a position and a limit in
/// memory the caller owns, and stores instead of `Array` appends (each of which checks
/// uniqueness and capacity and calls `memcpy`). `JSONLinesFormatter` reserves a record's
/// worst-case length at the end of its output and writes the record there in one go.
///
/// Every write checks the limit, so a wrong estimate stops the process instead of writing
/// past the room; the estimates (`FieldValue.mostJSONBytes`) make that unreachable.
struct ReservedBytesWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let limit: Int
    /// Where the next byte goes: after the last write, the end of what was written.
    private(set) var position: Int

    /// A writer of `base[position..<limit]`, which the caller keeps alive and unaliased
    /// while the writer is used.
    init(base: UnsafeMutablePointer<UInt8>, position: Int, limit: Int) {
        self.base = base
        self.position = position
        self.limit = limit
    }

    @inline(__always)
    private func claim(_ count: Int) {
        precondition(count <= limit &- position, "a JSON value longer than the room reserved for it")
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        claim(1)
        base[position] = byte
        position &+= 1
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        claim(bytes.count)
        (base + position).update(from: start, count: bytes.count)
        position &+= bytes.count
    }

    @inline(__always)
    mutating func write(ascii text: StaticString) {
        text.withUTF8Buffer { write($0) }
    }

    /// `text`'s UTF-8, as it is.
    mutating func write(utf8 text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// A JSON string literal (RFC 8259 escaping; non-ASCII stays UTF-8): at most
    /// `Self.mostQuotedBytes(utf8Count:)` bytes.
    mutating func writeQuoted(_ text: String) {
        write(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for position in bytes.indices {
                let byte = bytes[position]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
                write(UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                runStart = position + 1
                switch byte {
                case 0x22: write(ascii: "\\\"")
                case 0x5C: write(ascii: "\\\\")
                case 0x0A: write(ascii: "\\n")
                case 0x0D: write(ascii: "\\r")
                case 0x09: write(ascii: "\\t")
                default:
                    write(ascii: "\\u00")
                    write(Self.hexDigit(byte >> 4))
                    write(Self.hexDigit(byte & 0x0F))
                }
            }
            write(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        write(UInt8(ascii: "\""))
    }

    /// The most bytes `writeQuoted` writes for a text of `utf8Count` bytes: every byte
    /// escaped as `\u00XX`, and the quotes.
    static func mostQuotedBytes(utf8Count: Int) -> Int {
        2 &+ 6 &* utf8Count
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "a") &+ (value &- 10)
    }

    /// `value` in decimal: at most `mostDecimalBytes`.
    mutating func writeDecimal(_ value: Int) {
        if value < 0 { write(UInt8(ascii: "-")) }
        writeFixedPoint(value.magnitude, decimals: 0)
    }

    /// `value` in decimal: at most `mostDecimalBytes`.
    mutating func writeDecimal(_ value: UInt) {
        writeFixedPoint(value, decimals: 0)
    }

    /// The most bytes `writeDecimal` writes: `-9223372036854775808`, or `UInt.max`'s 20 digits.
    static let mostDecimalBytes = 20

    /// Seconds with microsecond resolution, as curl measures them (`0.012346`): at most
    /// `mostSecondsBytes`. Past a billion seconds (about 31 years, the longest limit any
    /// option takes) no time is real: it is capped there rather than overflowing the
    /// conversion.
    mutating func writeSeconds(_ seconds: Double) {
        let micros = seconds.isFinite && seconds > 0 ? UInt((Swift.min(seconds, 1e9) * 1e6).rounded()) : 0
        writeFixedPoint(micros, decimals: 6)
    }

    /// The most bytes `writeSeconds` writes: `1000000000.000000`.
    static let mostSecondsBytes = 17

    /// `value` / 10^`decimals`, with exactly `decimals` digits after the point (none and no
    /// point for 0) and at least one before it, written from its last digit back.
    private mutating func writeFixedPoint(_ value: UInt, decimals: Int) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits &+= 1
            rest /= 10
        }
        let shown = Swift.max(digits, decimals &+ 1)
        let length = decimals > 0 ? shown &+ 1 : shown
        claim(length)
        var at = position &+ length
        rest = value
        var decimalsLeft = decimals
        repeat {
            at &-= 1
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            decimalsLeft &-= 1
            if decimalsLeft == 0 {
                at &-= 1
                base[at] = UInt8(ascii: ".")
            }
        } while rest > 0 || decimalsLeft >= 0
        position &+= length
    }
}
