/// How a queued line is to be read by the worker that fetches it: stored with every
/// entry, so that one queue may hold lines of both kinds and a worker needs no option to
/// know which it has.
public enum QueueLineFormat: String, Sendable, Equatable {
    /// A bare URL, as in a plain input file.
    case url
    /// A JSON request object, as one line of a `--input-format jsonl` file.
    case jsonl
}
