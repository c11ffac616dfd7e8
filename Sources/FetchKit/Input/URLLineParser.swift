/// Turns raw input lines into jobs: trims white space, skips blank lines and `#`
/// comments, and numbers the rest. Keeps the count, so it can span several sources.
struct URLLineParser {
    private(set) var nextIndex = 0

    /// The job for a line, or nil for a blank line or a comment.
    mutating func job(for bytes: [UInt8]) -> FetchJob? {
        let trimmed = Self.trim(bytes[...])
        guard let first = trimmed.first, first != UInt8(ascii: "#") else { return nil }
        defer { nextIndex += 1 }
        // A NUL would cut the URL short in curl's C strings: a different URL would be fetched.
        if trimmed.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return FetchJob(
                index: nextIndex, url: String(decoding: trimmed, as: UTF8.self),
                problem: URLProblem(errorClass: .invalidURL, message: "the line contains control characters"))
        }
        guard let line = String(validating: trimmed, as: UTF8.self) else {
            return FetchJob(
                index: nextIndex, url: String(decoding: trimmed, as: UTF8.self),
                problem: URLProblem(errorClass: .invalidURL, message: "the line is not valid UTF-8"))
        }
        return FetchJob(index: nextIndex, line: line)
    }

    /// The job for a line too long to keep.
    mutating func jobForOverlongLine(limit: Int) -> FetchJob {
        defer { nextIndex += 1 }
        return FetchJob(
            index: nextIndex, url: "",
            problem: URLProblem(errorClass: .invalidURL, message: "the line is longer than \(limit) bytes"))
    }

    private static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
            let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return bytes[start...end]
    }
}
