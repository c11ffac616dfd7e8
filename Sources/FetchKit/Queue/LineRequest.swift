/// What one line of `--input-format jsonl` asks for beyond its URL: its own method, headers
/// and body, which override the command line's for that transfer, and an `id` that is
/// copied into the record (and keys `--skip-done` with the URL).
///
/// A class, so a `FetchJob` carries one reference (nil for a plain line) however much a line
/// asks for: jobs are copied through the queue, the frontier and the workers.
public final class LineRequest: Sendable {
    /// The line's `id` as JSON text (a string keeps its quotes: `"a1"`, `7`); nil when the
    /// line has none.
    public let id: String?
    /// The request method (`-X` for this line); nil to use the command line's.
    public let method: String?
    /// Headers as curl's `-H` takes them (`Name: value`); a name given here replaces the
    /// command line's header of that name (compared without case) for this line.
    public let headers: [String]
    /// The request body (`-d` for this line); nil to use the command line's.
    public let body: [UInt8]?

    public init(id: String?, method: String?, headers: [String], body: [UInt8]?) {
        self.id = id
        self.method = method
        self.headers = headers
        self.body = body
    }
}
