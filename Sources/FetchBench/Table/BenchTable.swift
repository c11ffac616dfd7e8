import FetchKit

/// The aligned table `cfetch bench` prints: medians, the wall time's range, each row's
/// verdict (the fastest marked only when the difference holds), then the verdict in a
/// sentence and any warning about the machine or the spread. Its columns are
/// `BenchColumn`'s.
public enum BenchTable {
    /// - Parameter bold: mark the fastest row in bold (a terminal without NO_COLOR).
    public static func render(_ comparison: BenchComparison, bold: Bool = false) -> String {
        let fastest = comparison.fastest?.contender
        var rows = [BenchColumn.allCases.map(header)]
        for row in comparison.strategies {
            rows.append(BenchColumn.cells(for: row, in: comparison).map(text))
        }
        let widths = BenchColumn.allCases.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for (number, row) in rows.enumerated() {
            var line = ""
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // Names to the left, numbers to the right, as a reader scans them.
                line += BenchColumn.allCases[column] == .strategy ? cell + padding : padding + cell
                if column < row.count - 1 { line += "  " }
            }
            let isFastest = number > 0 && comparison.strategies[number - 1].contender == fastest
            text += (bold && isFastest ? "\u{1B}[1m\(line)\u{1B}[0m" : line) + "\n"
        }
        text += "\n\(comparison.workload); -j \(comparison.concurrency); medians of \(comparison.repeats) run(s), "
        text += "interleaved\n"
        text += (comparison.fastest == nil ? "" : "* ") + comparison.verdictSentence + "\n"
        for warning in comparison.warnings { text += "warning: \(warning)\n" }
        if comparison.strategies.contains(where: \.contender.isExternal) {
            text += "other tools run the same list at the same -j (curl at most 300); they report no transfer times\n"
        }
        for tool in comparison.toolsLeftOut { text += "not run: \(tool)\n" }
        if let incomplete = comparison.incomplete { text += "incomplete: \(incomplete)\n" }
        return text
    }

    /// "wall s (min-max)": the title, and the range its cells show.
    static func header(_ column: BenchColumn) -> String {
        column.title + (column.hasRange ? " (min-max)" : "")
    }

    /// "0.349 (0.335-0.353)", "1.03x", "tied 1.02x ±3%", "fastest", "green *".
    static func text(_ cell: BenchCell) -> String {
        switch cell {
        case .strategy(let name, _, let isFastest): name + (isFastest ? " *" : "")
        case .value(let value, let range): value + (range.map { " (\($0.min)-\($0.max))" } ?? "")
        case .verdict(let verdict): verdict.text(times: "x")
        }
    }
}
