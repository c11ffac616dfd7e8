extension Duration {
    /// Whole nanoseconds, as `MonotonicClock` counts them (a deadline is `now() &+` this);
    /// durations that are not positive are 0.
    var clampedNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard self > .zero else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
