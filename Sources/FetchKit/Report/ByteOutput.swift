/// Appends text to a byte buffer without going through `String` concatenation: the
/// formatters run once per record, on the hot path of a fast run.
extension Array where Element == UInt8 {
    @inline(__always)
    package mutating func append(ascii text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// `count` zero bytes, room a `ReservedBytesWriter` then writes into: copied from a
    /// page of zeros, one `memcpy` a page.
    mutating func appendZeros(_ count: Int) {
        var left = count
        while left > 0 {
            let now = Swift.min(left, zeroPage.count)
            zeroPage.withUnsafeBufferPointer { append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<now])) }
            left -= now
        }
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
        append(fixedPoint: value, decimals: 0)
    }

    /// Seconds with microsecond resolution, as curl measures them: `0.012346`.
    package mutating func append(seconds: Double) {
        // Past a billion seconds (about 31 years, the longest limit any option takes) no
        // time is real: it is capped there rather than overflowing the conversion.
        let micros = seconds.isFinite && seconds > 0 ? UInt((Swift.min(seconds, 1e9) * 1e6).rounded()) : 0
        append(fixedPoint: micros, decimals: 6)
    }

    /// `value` / 10^`decimals`, with exactly `decimals` digits after the point (none and no
    /// point for 0) and at least one before it. The digits are written backwards into a
    /// buffer on the stack and appended at once: a record has a dozen numbers, nine of them
    /// seconds, and an append per digit cost more than the rest of the record.
    private mutating func append(fixedPoint value: UInt, decimals: Int) {
        var digits: DigitBuffer = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var rest = value
            var decimalsLeft = decimals
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                decimalsLeft -= 1
                if decimalsLeft == 0 {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
            } while rest > 0 || decimalsLeft >= 0
            let written = UnsafeRawBufferPointer(rebasing: buffer[position...])
            append(contentsOf: written.assumingMemoryBound(to: UInt8.self))
        }
    }
}

/// What `appendZeros` copies from.
private let zeroPage = [UInt8](repeating: 0, count: 4096)

/// Room for any `UInt`'s digits (20) with a point: `append(decimal:)`'s and
/// `append(seconds:)`'s scratch space, on the stack.
private typealias DigitBuffer = (UInt64, UInt64, UInt64, UInt64)
