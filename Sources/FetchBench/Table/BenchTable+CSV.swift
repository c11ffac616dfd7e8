import FetchKit

extension BenchTable {
    /// CSV (RFC 4180): one row per strategy or tool (named in the first column), each of the
    /// table's measures as median, min and max, in seconds where the table shows
    /// milliseconds, with six decimals, empty where a tool has no such measure; then the
    /// verdict (fastest, tied, slower, untested; empty for a lone strategy), the median
    /// ratio to the leader, its 95% interval and the test's p-value (empty where none).
    public static func csv(_ comparison: BenchComparison) -> String {
        let measures = BenchColumn.allCases.compactMap(\.measure)
        var header = ["strategy", "runs", "records"]
        for measure in measures { header += [measure.csvName, "\(measure.csvName)_min", "\(measure.csvName)_max"] }
        header += ["verdict", "ratio", "ratio_low", "ratio_high", "p_value"]
        var lines = [header.joined(separator: ",")]
        for row in comparison.strategies {
            var cells = [Self.csvField(row.name), String(row.runs), String(row.records)]
            for measure in measures {
                guard let spread = measure.spread(row) else {
                    cells += ["", "", ""]
                    continue
                }
                cells += [spread.median, spread.min, spread.max].map { NumberText.fixed($0, 6) }
            }
            let verdict = row.verdict
            cells.append(verdict?.standing.rawValue ?? "")
            cells.append(NumberText.fixed(comparison.ratio(row), 6))
            cells += [verdict?.ratioLow, verdict?.ratioHigh, verdict?.pValue].map {
                $0.map { NumberText.fixed($0, 6) } ?? ""
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A field quoted when it must be (RFC 4180): a comma, a quote or a line break in it.
    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
