/// What an enqueue did: lines added to the work stream, lines skipped as duplicates, and
/// where their indexes start.
public struct EnqueueOutcome: Sendable, Equatable {
    /// Lines added to the work stream.
    public var added: Int
    /// Lines skipped because their dedup key was enqueued before.
    public var duplicates: Int
    /// The index of the first line: every line takes the next index, added or skipped,
    /// so a batch of n lines has the indexes `firstIndex ..< firstIndex + n`. After several
    /// batches, the first batch's (the later batches follow it, unless another enqueuer's
    /// batch came in between). For an empty enqueue, the index the next line will take.
    public var firstIndex: Int

    /// An outcome as the enqueue script answers it (public for tests).
    public init(added: Int, duplicates: Int, firstIndex: Int) {
        self.added = added
        self.duplicates = duplicates
        self.firstIndex = firstIndex
    }

    /// Lines enqueued, added or skipped: how many indexes they took.
    public var lines: Int { added + duplicates }
}
