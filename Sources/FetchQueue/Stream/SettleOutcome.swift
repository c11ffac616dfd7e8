/// What a `StreamSettler.settle` did: entries settled now, and entries someone had
/// settled before (nothing written for them, so no result is written twice).
public struct SettleOutcome: Sendable, Equatable {
    /// Settlements applied: results, retries and dead lines written, entries removed.
    public var settled: Int
    /// Settlements skipped because their entry was no longer pending and no longer in the
    /// stream: another worker claimed and settled it, or this one settled it already.
    public var alreadySettled: Int
    /// The entry ids of the skipped settlements, in the batch's order (for a log line).
    public var alreadySettledIDs: [String]

    /// An outcome as the settle script answers it (public for tests).
    public init(settled: Int, alreadySettled: Int, alreadySettledIDs: [String]) {
        self.settled = settled
        self.alreadySettled = alreadySettled
        self.alreadySettledIDs = alreadySettledIDs
    }
}
