extension Duration {
    /// Whole milliseconds, rounded up, as Redis takes durations (`BLOCK`, a minimum idle
    /// time): rounded up so that a positive duration never becomes 0, which `BLOCK` would
    /// read as "forever". Negative durations are 0.
    var millisecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, self > .zero else { return 0 }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        let wholeMilliseconds = attoseconds / perMillisecond
        let rest = attoseconds % perMillisecond
        return seconds * 1000 + wholeMilliseconds + (rest > 0 ? 1 : 0)
    }
}
