/// Byte counts for people: `512 B`, `12.4 KB`, `3.1 MB` (decimal units, as curl prints).
enum ByteCount {
    static func format(_ bytes: Int) -> String {
        guard bytes >= 1000 else { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 999.95 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return "\(NumberText.fixed(value, 1)) \(units[unit])"
    }
}
