/// The comparison as an HTML table: `BenchTable`'s columns, the fastest row highlighted.
enum ComparisonTableHTML {
    static func render(_ comparison: BenchComparison) -> String {
        let fastest = comparison.fastest?.strategy
        var html = "<div class=\"scroll\"><table><thead><tr>"
        for column in BenchTable.columns {
            html += "<th>\(HTMLEscaping.escape(column.replacingOccurrences(of: "min-max", with: "min–max")))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in comparison.strategies {
            let isFastest = row.strategy == fastest
            let name = HTMLEscaping.escape(row.strategy)
            html += isFastest ? "<tr class=\"fastest\">" : "<tr>"
            html += "<td><a href=\"#strategy-\(name)\">\(name)</a>\(isFastest ? " ★" : "")</td>"
            let cells = [
                "\(fixed(row.wallSeconds.median, 3)) <span class=\"range\">(\(fixed(row.wallSeconds.min, 3))–"
                    + "\(fixed(row.wallSeconds.max, 3)))</span>",
                fixed(row.requestsPerSecond.median, 0),
                millis(row.latencyP50), millis(row.latencyP90), millis(row.latencyP99), millis(row.latencyMax),
                millis(row.queuedMean), millis(row.transferMean),
                fixed(row.cpuSeconds.median, 2), fixed(row.peakRSSMegabytes.median, 1),
                fixed(row.peakThreads.median, 0), fixed(row.errors.median, 0),
                isFastest ? "fastest" : "\(fixed(comparison.ratio(row), 2))×",
            ]
            for cell in cells { html += "<td>\(cell)</td>" }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        return html
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String {
        BenchTable.fixed(value, digits)
    }

    private static func millis(_ spread: Spread) -> String {
        BenchTable.fixed(spread.median * 1000, 1)
    }
}
