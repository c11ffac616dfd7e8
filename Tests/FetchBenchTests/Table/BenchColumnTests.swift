import FetchKit
import Foundation
import Testing

@testable import FetchBench

@Suite("Bench columns")
struct BenchColumnTests {
    /// The text table's lines split into cells: cells are joined by two spaces or more,
    /// and none holds two spaces in a row.
    private func textCells(_ table: String) -> [[String]] {
        table.split(separator: "\n").map { line in
            line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// The contents of every `<tag>…</tag>` in `html`, in order.
    private func contents(of tag: String, in html: String) -> [String] {
        html.components(separatedBy: "<\(tag)>").dropFirst().compactMap {
            $0.components(separatedBy: "</\(tag)>").first
        }
    }

    /// Each `<tr …>…</tr>` of the table's body.
    private func bodyRows(_ html: String) -> [String] {
        let body = html.components(separatedBy: "<tbody>").last ?? ""
        return body.components(separatedBy: "</tr>").dropLast()
    }

    @Test("the text table's header is the column list, in order")
    func textHeader() {
        let table = BenchTable.render(GoldenComparison.comparison)
        let header = textCells(table)[0]
        #expect(header == BenchColumn.allCases.map(BenchTable.header))
        #expect(header.first == "strategy" && header.last == "verdict")
    }

    @Test("the HTML table's header is the same list, in the same order")
    func htmlHeader() {
        let html = ComparisonTableHTML.render(GoldenComparison.comparison)
        let headers = contents(of: "th", in: html)
        #expect(headers == BenchColumn.allCases.map(ComparisonTableHTML.header))
        let text = BenchColumn.allCases.map(BenchTable.header)
        #expect(headers.count == text.count)
        for (html, text) in zip(headers, text) {
            #expect(html == text.replacingOccurrences(of: "min-max", with: "min–max"))
        }
    }

    @Test("a row has one cell per column, in text and in HTML")
    func rowWidth() {
        let comparison = GoldenComparison.comparison
        let textRows = textCells(BenchTable.render(comparison)).dropFirst().prefix(comparison.strategies.count)
        let htmlRows = bodyRows(ComparisonTableHTML.render(comparison))
        #expect(textRows.count == comparison.strategies.count)
        #expect(htmlRows.count == comparison.strategies.count)
        for row in textRows { #expect(row.count == BenchColumn.allCases.count, "\(row)") }
        for row in htmlRows {
            #expect(row.components(separatedBy: "<td>").count - 1 == BenchColumn.allCases.count, "\(row)")
        }
        for row in comparison.strategies {
            #expect(BenchColumn.cells(for: row, in: comparison).count == BenchColumn.allCases.count)
        }
    }

    @Test("cells: a range, each verdict, the fastest's mark, in text and in HTML")
    func cellForms() {
        let range = BenchCell.value("0.349", range: .init(min: "0.335", max: "0.353"))
        #expect(BenchTable.text(range) == "0.349 (0.335-0.353)")
        #expect(ComparisonTableHTML.html(range) == "0.349 <span class=\"range\">(0.335–0.353)</span>")
        #expect(BenchTable.text(.value("115", range: nil)) == "115")
        #expect(ComparisonTableHTML.html(.value("115", range: nil)) == "115")
        let verdicts: [(BenchCell.Verdict, String, String)] = [
            (.fastest, "fastest", "fastest"),
            (.slower(ratio: "1.72"), "1.72x", "1.72×"),
            (.tiedLeader, "tied (lowest)", "tied (lowest)"),
            (.tied(ratio: "1.03", noise: "4.5%"), "tied 1.03x ±4.5%", "tied 1.03× ±4.5%"),
            (.untested(ratio: "1.00"), "lowest", "lowest"),
            (.untested(ratio: "1.03"), "1.03x untested", "1.03× untested"),
            (.alone, "-", "-"),
        ]
        for (verdict, text, html) in verdicts {
            #expect(BenchTable.text(.verdict(verdict)) == text)
            #expect(ComparisonTableHTML.html(.verdict(verdict)) == html)
        }
        #expect(BenchTable.text(.strategy("green", anchor: "green", isFastest: true)) == "green *")
        #expect(BenchTable.text(.strategy("green", anchor: "green", isFastest: false)) == "green")
        #expect(
            ComparisonTableHTML.html(.strategy("green", anchor: "green", isFastest: true))
                == "<a href=\"#strategy-green\">green</a> ★")
        #expect(
            ComparisonTableHTML.html(.strategy("green loops=1 poll", anchor: "green-loops-1-poll", isFastest: false))
                == "<a href=\"#strategy-green-loops-1-poll\">green loops=1 poll</a>")
        #expect(
            ComparisonTableHTML.html(.strategy("curl", anchor: nil, isFastest: false))
                == "curl <span class=\"external\">(external)</span>")
    }

    @Test("the CSV has every measure column, in the table's order")
    func csvMeasures() {
        let header = BenchTable.csv(GoldenComparison.comparison).components(separatedBy: "\r\n")[0]
        let measures = BenchColumn.allCases.compactMap(\.measure).map(\.csvName)
        #expect(measures.count == BenchColumn.allCases.count - 2)
        let expected =
            ["strategy", "runs", "records"] + measures.flatMap { [$0, "\($0)_min", "\($0)_max"] }
            + ["verdict", "ratio", "ratio_low", "ratio_high", "p_value"]
        #expect(header == expected.joined(separator: ","))
    }
}
