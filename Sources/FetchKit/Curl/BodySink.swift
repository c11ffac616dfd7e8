/// Where a transfer's body goes: counted and dropped, or written to a `-o` file; and the
/// `--max-filesize` limit, held on the bytes curl's write callback delivers (decoded ones
/// with `--compressed`), whatever the response's framing or Content-Length said.
///
/// Called from curl's write callback on whichever thread performs the transfer; one sink
/// belongs to one transfer at a time.
final class BodySink {
    private(set) var bytes = 0
    let file: BodyFile?
    /// Keeps the body in memory (robots.txt); nil for every job's own body.
    let capture: BodyCapture?
    /// The most body bytes accepted; nil for no limit.
    let limit: Int?
    private(set) var writeError: Int32?
    /// The body went over `limit`: the transfer was aborted and the chunk that crossed it dropped.
    private(set) var overLimit = false

    init(file: BodyFile? = nil, limit: Int? = nil, capture: BodyCapture? = nil) {
        self.file = file
        self.limit = limit
        self.capture = capture
    }

    /// Takes a chunk; returns how many bytes were accepted (fewer aborts the transfer).
    func accept(_ chunk: UnsafeRawBufferPointer) -> Int {
        if let limit, chunk.count > limit - bytes {
            overLimit = true
            return 0
        }
        if let file, let failure = writeFully(file.fd, chunk) {
            writeError = failure
            return 0
        }
        capture?.append(chunk)
        bytes += chunk.count
        return chunk.count
    }

    /// Forgets a failed attempt's body before the next attempt.
    func restart() {
        bytes = 0
        writeError = nil
        overLimit = false
        file?.restart()
        capture?.restart()
    }
}
