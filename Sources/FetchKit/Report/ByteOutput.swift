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

    /// The digits are written backwards into a buffer on the stack and appended at once:
    /// a record has a dozen numbers, and an append per digit cost more than the rest.
    mutating func append(decimal value: UInt) {
        var digits: DigitBuffer = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var rest = value
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            let written = UnsafeRawBufferPointer(rebasing: buffer[position...])
            append(contentsOf: written.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Seconds with microsecond resolution, as curl measures them: `0.012346`.
    ///
    /// Nine fields of every record are seconds: the whole number, the point and the six
    /// decimals are built on the stack and appended at once, not byte by byte.
    package mutating func append(seconds: Double) {
        // Past a billion seconds (about 31 years, the longest limit any option takes) no
        // time is real: it is capped there rather than overflowing the conversion.
        let micros = seconds.isFinite && seconds > 0 ? UInt((Swift.min(seconds, 1e9) * 1e6).rounded()) : 0
        var digits: DigitBuffer = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var rest = micros
            for _ in 0..<6 {
                position -= 1
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            position -= 1
            buffer[position] = UInt8(ascii: ".")
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            let written = UnsafeRawBufferPointer(rebasing: buffer[position...])
            append(contentsOf: written.assumingMemoryBound(to: UInt8.self))
        }
    }
}

/// Room for any `UInt`'s digits (20) with a point: `append(decimal:)`'s and
/// `append(seconds:)`'s scratch space, on the stack.
private typealias DigitBuffer = (UInt64, UInt64, UInt64, UInt64)
