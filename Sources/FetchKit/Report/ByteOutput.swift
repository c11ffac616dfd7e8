/// Appends text to a byte buffer without going through `String` concatenation: the
/// formatters run once per record, on the hot path of a fast run.
extension Array where Element == UInt8 {
    @inline(__always)
    package mutating func append(ascii text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    package mutating func append(decimal value: Int) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            append(decimal: UInt(value.magnitude))
        } else {
            append(decimal: UInt(value))
        }
    }

    mutating func append(decimal value: UInt) {
        guard value >= 10 else {
            append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        append(decimal: value / 10)
        append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Seconds with microsecond resolution, as curl measures them: `0.012346`.
    ///
    /// Nine fields of every record are seconds: the point and the six decimals are built
    /// on the stack and appended at once, not byte by byte.
    package mutating func append(seconds: Double) {
        let micros = seconds.isFinite && seconds > 0 ? Int((seconds * 1e6).rounded()) : 0
        append(decimal: micros / 1_000_000)
        var fraction = micros % 1_000_000
        var text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (UInt8(ascii: "."), 0, 0, 0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &text) { bytes in
            for position in stride(from: 6, through: 1, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
            }
            append(contentsOf: UnsafeBufferPointer(bytes.bindMemory(to: UInt8.self)))
        }
    }
}
