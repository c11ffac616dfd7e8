import FetchKit

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
            let name = HTMLEscaping.escape(row.strategy.rawValue)
            html += isFastest ? "<tr class=\"fastest\">" : "<tr>"
            html += "<td><a href=\"#strategy-\(name)\">\(name)</a>\(isFastest ? " ★" : "")</td>"
            let cells = [
                "\(NumberText.fixed(row.wallSeconds.median, 3)) <span class=\"range\">(\(NumberText.fixed(row.wallSeconds.min, 3))–"
                    + "\(NumberText.fixed(row.wallSeconds.max, 3)))</span>",
                NumberText.fixed(row.requestsPerSecond.median, 0),
                millis(row.latencyP50), millis(row.latencyP90), millis(row.latencyP99), millis(row.latencyMax),
                millis(row.queuedMean), millis(row.transferMean),
                NumberText.fixed(row.cpuSeconds.median, 2), NumberText.fixed(row.peakRSSMegabytes.median, 1),
                NumberText.fixed(row.peakThreads.median, 0), NumberText.fixed(row.errors.median, 0),
                isFastest ? "fastest" : "\(NumberText.fixed(comparison.ratio(row), 2))×",
            ]
            for cell in cells { html += "<td>\(cell)</td>" }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        return html
    }

    private static func millis(_ spread: Spread) -> String {
        NumberText.fixed(spread.median * 1000, 1)
    }
}
