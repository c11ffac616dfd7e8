/// Which of a row of labels to draw so that none overlaps its neighbour: the report's
/// axes put labels at data positions (ticks, bins), and when those are closer than the
/// text is wide, drawing them all gives an unreadable smear. Labels are measured by an
/// estimate of their width (the page's font is the reader's, so no exact metrics exist)
/// and skipped, first to last, until the next one clears the last drawn by a gap.
enum LabelSpacing {
    /// Room between two labels' ends, in px.
    static let gap = 6.0

    /// A label centred on `position` (or starting or ending there, by `anchor`).
    struct Label: Equatable {
        enum Anchor { case start, middle, end }
        let position: Double
        let text: String
        var anchor: Anchor = .middle

        /// The label's extent, in px, at `fontSize`.
        func extent(fontSize: Double) -> ClosedRange<Double> {
            let width = LabelSpacing.width(text, fontSize: fontSize)
            switch anchor {
            case .start: return position...(position + width)
            case .middle: return (position - width / 2)...(position + width / 2)
            case .end: return (position - width)...position
            }
        }
    }

    /// A generous estimate of `text`'s width: 0.62 em a character (digits and most
    /// lower-case letters are narrower in system sans-serif fonts), 0.35 em for spaces and
    /// points. Over-estimating costs a skipped label; under-estimating, an overlap.
    static func width(_ text: String, fontSize: Double = 11) -> Double {
        var ems = 0.0
        for character in text {
            ems += character == " " || character == "." || character == "," ? 0.35 : 0.62
        }
        return ems * fontSize
    }

    /// The indices of the labels to draw, in order: the first, then each next one whose
    /// extent starts at least `gap` after the last kept one ends. When the last label is
    /// skipped but would fit by dropping the one kept before it, that one gives way, so the
    /// axis's end stays labelled.
    static func visible(_ labels: [Label], fontSize: Double = 11) -> [Int] {
        var kept: [Int] = []
        for (index, label) in labels.enumerated() {
            guard let last = kept.last else {
                kept.append(index)
                continue
            }
            if label.extent(fontSize: fontSize).lowerBound >= labels[last].extent(fontSize: fontSize).upperBound + gap {
                kept.append(index)
            }
        }
        if let lastIndex = labels.indices.last, kept.last != lastIndex, kept.count >= 2 {
            let before = kept[kept.count - 2]
            let end = labels[lastIndex].extent(fontSize: fontSize).lowerBound
            if end >= labels[before].extent(fontSize: fontSize).upperBound + gap {
                kept[kept.count - 1] = lastIndex
            }
        }
        return kept
    }
}
