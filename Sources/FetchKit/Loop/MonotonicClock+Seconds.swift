extension MonotonicClock {
    /// The furthest deadline a duration gives: about 292 years away, which is "never" for a
    /// run, and far enough below `UInt64.max` that the loop's arithmetic on a deadline
    /// (`deadline - now + 999_999`) cannot overflow.
    static let never = UInt64.max / 2

    /// `seconds` as nanoseconds, saturating: NaN and negative durations are 0, infinite
    /// ones and anything longer than `never` are `never`. Options come from library callers
    /// as well as the command line, and `UInt64(seconds * 1e9)` traps on 1e15 or on `inf`.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        let nanoseconds = seconds * 1e9
        guard nanoseconds < Double(never) else { return never }
        return UInt64(nanoseconds)
    }

    /// The reading `seconds` after `start` (by default now), saturating at `never`.
    static func deadline(after seconds: Double, from start: UInt64 = now()) -> UInt64 {
        let (sum, overflow) = start.addingReportingOverflow(nanoseconds(seconds))
        return overflow ? never : min(sum, never)
    }
}
