/// Turns raw input lines into jobs: trims white space (and a UTF-8 byte-order mark at the
/// start of a list), skips blank lines and `#` comments, and numbers the rest. Keeps the
/// count, so it can span several sources. With `--input-format jsonl` a list's line is a
/// request object (`JSONRequestLine`); a line it cannot read gets an error record.
package struct URLLineParser {
    private(set) var nextIndex = 0
    /// How the current source's lines are read.
    var format = InputFormat.lines
    /// Key each job's host as it is parsed (the run has a frontier).
    var keysHosts = false
    /// The next line is a list's first, where an editor may have left a byte-order mark.
    private var atListStart = true

    /// The next line is the first of another list (file or stdin).
    package init() {}

    package mutating func startList() {
        atListStart = true
    }

    /// The job for a line, or nil for a blank line or a comment.
    mutating func job(for bytes: [UInt8]) -> FetchJob? {
        guard let trimmed = urlText(bytes) else { return nil }
        defer { nextIndex += 1 }
        if format == .jsonl { return jsonJob(for: trimmed) }
        // A NUL would cut the URL short in curl's C strings: a different URL would be fetched.
        if trimmed.contains(where: Self.isControl) {
            return FetchJob(
                index: nextIndex, url: String(decoding: trimmed, as: UTF8.self),
                problem: URLProblem(errorClass: .invalidURL, message: "the line contains control characters"))
        }
        guard let line = String(validating: trimmed, as: UTF8.self) else {
            return FetchJob(
                index: nextIndex, url: String(decoding: trimmed, as: UTF8.self),
                problem: URLProblem(errorClass: .invalidURL, message: "the line is not valid UTF-8"))
        }
        return FetchJob(index: nextIndex, line: line, keyingHost: keysHosts)
    }

    /// The job for a JSONL line: its URL and what else it asks for, or an error record
    /// saying what is wrong with the line (with its URL and id when it has them).
    private func jsonJob(for line: ArraySlice<UInt8>) -> FetchJob {
        switch JSONRequestLine.parse(line) {
        case .success(let request):
            var job: FetchJob
            if request.url.utf8.contains(where: Self.isControl) {
                job = FetchJob(
                    index: nextIndex, url: request.url,
                    problem: URLProblem(errorClass: .invalidURL, message: #""url" contains control characters"#))
            } else {
                job = FetchJob(index: nextIndex, line: request.url, keyingHost: keysHosts)
            }
            job.lineRequest = request.request
            return job
        case .failure(let refusal):
            var job = FetchJob(
                index: nextIndex, url: refusal.url ?? String(decoding: line, as: UTF8.self),
                problem: URLProblem(errorClass: .invalidURL, message: refusal.message))
            if let id = refusal.id { job.lineRequest = LineRequest(id: id, method: nil, headers: [], body: nil) }
            return job
        }
    }

    private static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F
    }

    /// The job for a line that comes with its index (a queue entry's): by the same rules as
    /// a list's line, in `format`; nil for a blank line or a comment.
    mutating func job(for bytes: [UInt8], index: Int, format: InputFormat) -> FetchJob? {
        nextIndex = index
        self.format = format
        atListStart = false
        return job(for: bytes)
    }

    /// The job for a line too long to keep.
    mutating func jobForOverlongLine(limit: Int) -> FetchJob {
        atListStart = false
        defer { nextIndex += 1 }
        return FetchJob(
            index: nextIndex, url: "",
            problem: URLProblem(errorClass: .invalidURL, message: "the line is longer than \(limit) bytes"))
    }

    /// A list line's text as cfetch reads it — trimmed, a list's byte-order mark dropped —
    /// or nil for a blank line or a comment, without making a job: the list another
    /// program (`cfetch bench --tools`) is given, so it fetches what cfetch fetches.
    package mutating func text(ofListLine bytes: [UInt8]) -> String? {
        urlText(bytes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Passes over a line without making a job — another shard's, or one a stopped run
    /// only counts: true when it is a URL line (by the same rules as `job(for:)`), whose
    /// index it takes.
    mutating func skip(_ bytes: [UInt8]) -> Bool {
        guard urlText(bytes) != nil else { return false }
        nextIndex += 1
        return true
    }

    /// Passes over an over-long line (a URL line, which would get an error record), as
    /// `skip`.
    mutating func skipOverlongLine() {
        atListStart = false
        nextIndex += 1
    }

    /// The line trimmed, or nil for a blank line or a comment.
    private mutating func urlText(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        var line = bytes[...]
        if atListStart {
            atListStart = false
            if line.starts(with: Self.byteOrderMark) { line = line.dropFirst(Self.byteOrderMark.count) }
        }
        let trimmed = Self.trim(line)
        guard let first = trimmed.first, first != UInt8(ascii: "#") else { return nil }
        return trimmed
    }

    /// U+FEFF in UTF-8, which some editors put at the start of a text file.
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
            let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return bytes[start...end]
    }
}
