/// How LIST files and stdin are read (`--input-format`). URLs given directly (arguments,
/// in-memory lists) are always URLs.
public enum InputFormat: String, Sendable, CaseIterable {
    /// One URL per line.
    case lines
    /// One JSON object per line: `url`, and optionally `method`, `headers`, `body`, `id`.
    case jsonl
}
