/// `/fault/gzip-bomb`'s body: 10 MiB of zeros as a gzip member of 65 KB, built once.
///
/// The deflate stream is written by hand (RFC 1951, one block with the fixed Huffman
/// codes): a literal zero, then back-references of length 258 at distance 1 — 13 bits
/// for every 258 zeros — and literal zeros for the rest. No zlib needed, and the
/// decoded size is exact.
enum GzipBomb {
    static let decodedSize = 10 << 20

    static let compressed: [UInt8] = {
        var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]  // gzip header: deflate, no name, Unix
        bytes += deflatedZeros(count: decodedSize)
        bytes += littleEndian(crc32OfZeros(count: decodedSize))
        bytes += littleEndian(UInt32(truncatingIfNeeded: decodedSize))
        return bytes
    }()

    private static func deflatedZeros(count: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        bits.writeCode(0x30, length: 8)  // literal 0
        var remaining = count - 1
        while remaining >= 258 {
            bits.writeCode(0xC5, length: 8)  // length symbol 285: 258 bytes
            bits.writeCode(0, length: 5)  // distance code 0: distance 1
            remaining -= 258
        }
        for _ in 0..<remaining { bits.writeCode(0x30, length: 8) }
        bits.writeCode(0, length: 7)  // end of block (symbol 256)
        return bits.bytes
    }

    /// CRC-32 (ISO-HDLC, as gzip uses) of `count` zero bytes.
    private static func crc32OfZeros(count: Int) -> UInt32 {
        var table = [UInt32](repeating: 0, count: 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            table[index] = value
        }
        var crc: UInt32 = 0xFFFF_FFFF
        for _ in 0..<count { crc = table[Int(crc & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

/// Deflate's bit order: values least significant bit first, Huffman codes most significant first.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var used = 8

    mutating func write(_ value: UInt32, count: Int) {
        for bit in 0..<count { append(value >> bit & 1) }
    }

    mutating func writeCode(_ code: UInt32, length: Int) {
        for bit in (0..<length).reversed() { append(code >> bit & 1) }
    }

    private mutating func append(_ bit: UInt32) {
        if used == 8 {
            bytes.append(0)
            used = 0
        }
        bytes[bytes.count - 1] |= UInt8(bit) << used
        used += 1
    }
}
