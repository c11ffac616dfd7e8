#if canImport(Glibc)
import Glibc
#endif

/// Reads a descriptor line by line in fixed-size chunks, so memory does not grow with
/// the input. Lines longer than `maxLineLength` are reported as too long, not kept.
package struct LineReader {
    package enum Line {
        case text([UInt8])
        case tooLong
    }

    private let fd: Int32
    private let maxLineLength: Int
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var chunkStart = 0
    private var chunkEnd = 0
    private var atEnd = false

    package init(fd: Int32, maxLineLength: Int = 64 * 1024) {
        self.fd = fd
        self.maxLineLength = maxLineLength
    }

    /// The next line without its terminator, or nil at end of input.
    package mutating func next() throws(SystemCallError) -> Line? {
        var line: [UInt8] = []
        var tooLong = false
        while true {
            if chunkStart == chunkEnd {
                if atEnd { break }
                try refill()
                continue
            }
            let available = chunk[chunkStart..<chunkEnd]
            if let newline = available.firstIndex(of: UInt8(ascii: "\n")) {
                append(available[chunkStart..<newline], to: &line, tooLong: &tooLong)
                chunkStart = newline + 1
                return tooLong ? .tooLong : .text(line)
            }
            append(available, to: &line, tooLong: &tooLong)
            chunkStart = chunkEnd
        }
        if line.isEmpty && !tooLong { return nil }
        return tooLong ? .tooLong : .text(line)
    }

    private func append(_ bytes: ArraySlice<UInt8>, to line: inout [UInt8], tooLong: inout Bool) {
        guard !tooLong else { return }
        if line.count + bytes.count > maxLineLength {
            tooLong = true
            line = []
        } else {
            line.append(contentsOf: bytes)
        }
    }

    private mutating func refill() throws(SystemCallError) {
        let count = readSome(fd, into: &chunk)
        if count < 0 {
            if errno == EINTR { return }
            throw SystemCallError(call: "read", errno: errno)
        }
        chunkStart = 0
        chunkEnd = count
        atEnd = count == 0
    }
}
