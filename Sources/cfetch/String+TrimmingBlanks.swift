extension StringProtocol {
    /// The text without the spaces and tabs around it, as `trimmingCharacters(in:
    /// .whitespaces)` trims (horizontal white space; line breaks stay): an item of a
    /// comma-separated option value, `--fields url, status`.
    var trimmingBlanks: String {
        let isBlank: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
