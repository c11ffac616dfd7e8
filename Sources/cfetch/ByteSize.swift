import ArgumentParser

/// A size on the command line as curl's `--max-filesize` takes it: bytes, or with a K, M or
/// G suffix (powers of 1024; B for bytes; either case). Any whole number parses, zero and
/// negative ones too, so that the option's range check, not a parse error, tells the user
/// what is accepted.
struct ByteSize: ExpressibleByArgument, Comparable, Sendable {
    static let minimumStack = ByteSize(bytes: 16 * 1024)
    static let maximumStack = ByteSize(bytes: 64 * 1024 * 1024)

    let bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        let multipliers: [Character: Int] = ["B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(argument)
        var multiplier = 1
        if let last = digits.last?.uppercased().first, let scale = multipliers[last] {
            multiplier = scale
            digits = digits.dropLast()
        }
        guard let value = Int(digits) else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        self.bytes = bytes
    }

    /// The shortest way to write it: 64M, 256K, 1000.
    var defaultValueDescription: String {
        guard bytes != 0 else { return "0" }
        return bytes % (1 << 30) == 0
            ? "\(bytes >> 30)G"
            : bytes % (1 << 20) == 0 ? "\(bytes >> 20)M" : bytes % 1024 == 0 ? "\(bytes >> 10)K" : "\(bytes)"
    }

    static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }
}

extension OptionRange<ByteSize> {
    /// A size from `range`'s lower to its upper bound, written as the user would write them.
    static func size(_ option: String, _ range: ClosedRange<ByteSize>, note: String = "") -> OptionRange<ByteSize> {
        let note = note.isEmpty ? "" : " (\(note))"
        return OptionRange(
            option: option, range: range,
            bounds: "\(range.lowerBound.defaultValueDescription) and \(range.upperBound.defaultValueDescription)"
                + " bytes\(note)")
    }
}
