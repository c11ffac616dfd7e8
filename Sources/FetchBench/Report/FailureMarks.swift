import FetchKit

/// Failed transfers (HTTP errors, transport errors, cancellations) drawn over a
/// timeline's lanes so that even one among thousands shows: each is a mark at least
/// `minWidth` px wide, the full height of its lane, in its outcome's colour, drawn after
/// (above) the ok bars or the aggregated cells — in either view, so a 503 is never lost in
/// a cell that 2,000 ok transfers coloured green.
///
/// Marks of one outcome that touch on a lane merge. While there are few of them each
/// is a `<rect>` whose tooltip names the URL and the error; past `maxTitled` they are
/// drawn as one path per lane and outcome, which stays small however many fail.
enum FailureMarks {
    static let minWidth = 2.0
    static let maxTitled = 200

    private struct Mark {
        let row: Int
        let outcome: TransferOutcome
        var left: Double
        var right: Double
        /// The first record it stands for (an index into the run's records), and how many.
        let first: Int
        var count: Int
    }

    /// - Parameters:
    ///   - top: the y of a row's top.
    ///   - height: the marks' height, a row's.
    static func draw(
        _ records: [FetchRecord],
        spans: [TransferSpan],
        lanes: TimelineLanes,
        scale: TimelineScale,
        top: (Int) -> Double,
        height: Double,
        into svg: inout String
    ) {
        let marks = merged(records, spans: spans, lanes: lanes, scale: scale)
        guard !marks.isEmpty else { return }
        if marks.count <= maxTitled {
            for mark in marks {
                svg += "<rect class=\"mark \(mark.outcome.cssClass)\" x=\"\(ReportNumber.px(mark.left))\" "
                svg += "y=\"\(ReportNumber.px(top(mark.row)))\" width=\"\(ReportNumber.px(mark.right - mark.left))\" "
                svg += "height=\"\(ReportNumber.px(height))\"><title>"
                var text = TimelineSVG.tooltip(records[mark.first])
                if mark.count > 1 { text += "\n+ \(mark.count - 1) more failed here" }
                svg += HTMLEscaping.escape(text) + "</title></rect>"
            }
            return
        }
        svg += "<g class=\"strokes\" stroke-width=\"\(ReportNumber.px(height))\">"
        var index = 0
        while index < marks.count {
            let (row, outcome) = (marks[index].row, marks[index].outcome)
            var strokes = BarStrokes(centre: top(row) + height / 2)
            while index < marks.count, marks[index].row == row, marks[index].outcome == outcome {
                strokes.add(from: marks[index].left, to: marks[index].right)
                index += 1
            }
            svg += "<path class=\"mark \(outcome.cssClass)\" d=\"\(strokes.finish())\"/>"
        }
        svg += "</g>"
    }

    /// Failed transfers' marks, by row, outcome and position, touching ones merged.
    private static func merged(
        _ records: [FetchRecord],
        spans: [TransferSpan],
        lanes: TimelineLanes,
        scale: TimelineScale
    ) -> [Mark] {
        var marks: [Mark] = []
        for (index, (record, span)) in zip(records, spans).enumerated() {
            let outcome = TransferOutcome(record)
            guard outcome != .ok else { continue }
            let left = min(scale.x(span.begin), scale.plotRight - minWidth)
            let right = max(left + minWidth, scale.x(span.end))
            let row = lanes.row(of: record.worker)
            marks.append(Mark(row: row, outcome: outcome, left: left, right: right, first: index, count: 1))
        }
        marks.sort { ($0.row, $0.outcome.rawValue, $0.left) < ($1.row, $1.outcome.rawValue, $1.left) }
        var result: [Mark] = []
        for mark in marks {
            if let last = result.last, last.row == mark.row, last.outcome == mark.outcome, mark.left <= last.right {
                result[result.count - 1].right = max(last.right, mark.right)
                result[result.count - 1].count += 1
            } else {
                result.append(mark)
            }
        }
        return result
    }

    /// Transfers per outcome, indexed by `TransferOutcome.rawValue`: what the legend counts.
    static func counts(_ records: [FetchRecord]) -> [Int] {
        var counts = [Int](repeating: 0, count: TransferOutcome.allCases.count)
        for record in records { counts[TransferOutcome(record).rawValue] += 1 }
        return counts
    }
}
