/// Input lines `--skip-done` skipped, for the summary line.
public struct SkippedInput: Sendable, Equatable {
    public var lines: Int
    /// The done files, as named on the command line.
    public var doneIn: [String]

    /// `1,234 skipped (done in out.jsonl)`.
    public var description: String {
        "\(Self.grouped(lines)) skipped (done in \(doneIn.joined(separator: ", ")))"
    }

    /// `1234567` as `1,234,567`: a count a user compares with `wc -l`.
    static func grouped(_ count: Int) -> String {
        let digits = String(count)
        var text = ""
        for (position, digit) in digits.enumerated() {
            if position > 0 && (digits.count - position) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }
}
