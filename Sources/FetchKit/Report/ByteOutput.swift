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
    package mutating func append(seconds: Double) {
        let micros = seconds.isFinite && seconds > 0 ? Int((seconds * 1e6).rounded()) : 0
        append(decimal: micros / 1_000_000)
        append(UInt8(ascii: "."))
        let fraction = micros % 1_000_000
        var divisor = 100_000
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }
}
