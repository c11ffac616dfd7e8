/// One input line to put on the queue, and what makes it a duplicate of another.
public struct EnqueueLine: Sendable, Equatable {
    /// The line as given: a URL, or a JSON request object's text (stored as is, and
    /// handed back as is to the worker that fetches it).
    public var line: String
    /// How the worker is to read `line`.
    public var format: QueueLineFormat
    /// What two lines must share to be the same request (the URL, or method, URL and
    /// body); the queue keeps its SHA1, so a line whose key was enqueued before, by this
    /// enqueuer or another, is skipped. nil: never skipped (`--allow-duplicates`).
    public var dedupKey: String?

    /// A line to enqueue; `dedupKey` nil when it must never be skipped as a duplicate.
    public init(line: String, format: QueueLineFormat, dedupKey: String?) {
        self.line = line
        self.format = format
        self.dedupKey = dedupKey
    }
}
