/// Appends text to a byte buffer without going through `String` concatenation: the
/// formatters run once per record, on the hot path of a fast run.
extension Array where Element == UInt8 {
    @inline(__always)
    package mutating func append(ascii text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Writes with `write` into `most` bytes reserved at the end, then gives back what it did
    /// not use: one append of zeros and one trim instead of an append per piece. `most` must
    /// be at least what `write` writes (the writer stops the process otherwise).
    @inline(__always)
    mutating func append(reserving most: Int, _ write: (inout ReservedBytesWriter) -> Void) {
        let start = count
        appendZeros(most)
        let end = withUnsafeMutableBufferPointer { buffer in
            var writer = ReservedBytesWriter(base: buffer.baseAddress!, position: start, limit: buffer.count)
            write(&writer)
            return writer.position
        }
        removeLast(count - end)
    }

    /// `count` zero bytes, copied from a page of zeros, one `memcpy` a page.
    private mutating func appendZeros(_ count: Int) {
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
        append(reserving: ReservedBytesWriter.mostDecimalBytes) { $0.writeDecimal(value) }
    }

    mutating func append(decimal value: UInt) {
        append(reserving: ReservedBytesWriter.mostDecimalBytes) { $0.writeDecimal(value) }
    }

    /// Seconds with microsecond resolution, as curl measures them: `0.012346`.
    package mutating func append(seconds: Double) {
        append(reserving: ReservedBytesWriter.mostSecondsBytes) { $0.writeSeconds(seconds) }
    }
}

/// What `appendZeros` copies from.
private let zeroPage = [UInt8](repeating: 0, count: 4096)
