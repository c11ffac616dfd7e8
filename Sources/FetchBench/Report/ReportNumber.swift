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

    /// `value` with `digits` significant digits, at most 6 decimals: "1.3", "13", "130",
    /// "0.13". For values that come out of arithmetic (a log axis's bin edges) and would
    /// otherwise print as "1.258925".
    static func significant(_ value: Double, _ digits: Int = 2) -> String {
        guard value.isFinite, value != 0 else { return NumberText.fixed(value, 0) }
        var decimals = digits - 1
        var scaled = value.magnitude
        while scaled >= 10 && decimals > 0 {
            scaled /= 10
            decimals -= 1
        }
        while scaled < 1 && decimals < 6 {
            scaled *= 10
            decimals += 1
        }
        return NumberText.fixed(value, decimals)
    }

    /// Seconds, with three decimals (the bench table's precision).
    static func seconds(_ seconds: Double) -> String {
        NumberText.fixed(seconds, 3) + " s"
    }
}
