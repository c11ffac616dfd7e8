import FetchKit

/// Numbers as the HTML report prints them: fixed decimals, never Foundation's locale.
enum ReportNumber {
    /// An SVG coordinate: one decimal, none when whole (`12`, `12.5`) — the report has
    /// tens of thousands of them, so every byte counts.
    static func px(_ value: Double) -> String {
        let text = NumberText.fixed(value, 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Seconds shown in milliseconds, with the decimals that matter at that size.
    static func millis(_ seconds: Double) -> String {
        let ms = seconds * 1000
        let digits = ms < 10 ? 2 : ms < 100 ? 1 : 0
        return NumberText.fixed(ms, digits) + " ms"
    }

    /// Seconds, with three decimals (the bench table's precision).
    static func seconds(_ seconds: Double) -> String {
        NumberText.fixed(seconds, 3) + " s"
    }
}
