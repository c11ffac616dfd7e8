import ArgumentParser

/// The values a numeric option accepts, and the one-line usage error for any other.
///
/// Every numeric option of every command is checked against one of these in `validate()`,
/// so no value that merely parses (`inf`, `nan`, `1e300`, `-1`) reaches code that would
/// trap on it; the message names the range, so the user sees what to type instead.
struct OptionRange<Value: Comparable & Sendable>: Sendable {
    /// The option as the user knows it: `--max-time`, `-j/--concurrency`.
    let option: String
    let range: ClosedRange<Value>
    /// The range as the message reads it: "0 and 1000000000 seconds (0: no limit)".
    let bounds: String

    /// Throws the usage error unless `range` holds `value` (NaN is in no range).
    func check(_ value: Value) throws(ValidationError) {
        guard range.contains(value) else { throw ValidationError("\(option) must be between \(bounds)") }
    }

    /// Checks `value` when the option was given.
    func check(_ value: Value?) throws(ValidationError) {
        if let value { try check(value) }
    }
}

extension OptionRange<Double> {
    /// The longest time any option takes, about 31 years: a longer one is no different
    /// for a run, and every conversion of it stays far from overflowing.
    static let longestSeconds = 1_000_000_000

    /// A time in seconds, from 0 (which means `zero`) to `longestSeconds`.
    static func seconds(_ option: String, zero: String) -> OptionRange<Double> {
        OptionRange(
            option: option, range: 0...Double(longestSeconds), bounds: "0 and \(longestSeconds) seconds (0: \(zero))")
    }
}

extension OptionRange<Int> {
    /// A whole number in `range`, with its unit and what an end of the range means, if
    /// anything: "1 and 100000", "-1 and 1000000 (-1: unlimited)".
    static func integer(
        _ option: String, _ range: ClosedRange<Int>, unit: String = "", note: String = ""
    )
        -> OptionRange<Int>
    {
        let unit = unit.isEmpty ? "" : " \(unit)"
        let note = note.isEmpty ? "" : " (\(note))"
        return OptionRange(
            option: option, range: range, bounds: "\(range.lowerBound) and \(range.upperBound)\(unit)\(note)")
    }
}
