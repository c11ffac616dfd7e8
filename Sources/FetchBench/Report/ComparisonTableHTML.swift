/// The comparison as an HTML table: `BenchColumn`'s columns, as the text table has them,
/// the fastest row highlighted (only when the difference holds), a tied leader's group
/// shaded.
enum ComparisonTableHTML {
    static func render(_ comparison: BenchComparison) -> String {
        let fastest = comparison.fastest?.contender
        let tied = Set(comparison.tiedWithLeader.map(\.contender))
        var html = "<div class=\"scroll\"><table><thead><tr>"
        for column in BenchColumn.allCases { html += "<th>\(header(column))</th>" }
        html += "</tr></thead><tbody>"
        for row in comparison.strategies {
            html +=
                row.contender == fastest
                ? "<tr class=\"fastest\">" : tied.contains(row.contender) ? "<tr class=\"tied\">" : "<tr>"
            for cell in BenchColumn.cells(for: row, in: comparison) { html += "<td>\(self.html(cell))</td>" }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        return html
    }

    /// "wall s (min–max)", escaped.
    static func header(_ column: BenchColumn) -> String {
        HTMLEscaping.escape(column.title) + (column.hasRange ? " (min–max)" : "")
    }

    /// The strategy's name links to its section; a range is set apart for the style sheet.
    static func html(_ cell: BenchCell) -> String {
        switch cell {
        case .strategy(let name, let anchor, let isFastest):
            let name = HTMLEscaping.escape(name)
            let mark = isFastest ? " ★" : ""
            guard let anchor else { return name + " <span class=\"external\">(external)</span>" + mark }
            return "<a href=\"#strategy-\(HTMLEscaping.escape(anchor))\">\(name)</a>" + mark
        case .value(let value, let range):
            return value + (range.map { " <span class=\"range\">(\($0.min)–\($0.max))</span>" } ?? "")
        case .verdict(let verdict):
            return HTMLEscaping.escape(verdict.text(times: "×"))
        }
    }
}
