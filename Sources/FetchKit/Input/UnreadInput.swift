/// What a stopped run left of its input, so the user knows where to resume.
public struct UnreadInput: Sendable, Equatable {
    /// The index the first line not read would have had: every index below it has a record,
    /// or was skipped as done (`--skip-done`).
    public var firstIndex: Int
    /// URL lines (by the same rules as those read) counted after the stop in files and
    /// in-memory lists, which end: counting them costs a read, never a wait.
    public var lines: Int
    /// A pipe or a terminal whose rest was not read (that could wait forever), by name.
    public var uncountedSource: String?

    /// Anything left at all.
    var isEmpty: Bool { lines == 0 && uncountedSource == nil }

    /// `60 input lines not read`, or `the rest of stdin was not read (first unread index: 40)`.
    public var description: String {
        let counted = lines == 1 ? "1 input line" : "\(lines) input lines"
        guard let source = uncountedSource else { return "\(counted) not read" }
        let rest = lines > 0 ? "\(counted) and the rest of \(source) were" : "the rest of \(source) was"
        return "\(rest) not read (first unread index: \(firstIndex))"
    }
}
