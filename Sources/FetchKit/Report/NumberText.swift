/// Numbers as cfetch prints them: a fixed number of decimals, computed by hand so the
/// output never depends on Foundation's locale. Used by the text view, the progress bar,
/// the bench table and the HTML report alike.
package enum NumberText {
    /// `value` with `digits` decimals (`-` for a value that is not finite).
    package static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        var text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = String(scaled % Int(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }
}
