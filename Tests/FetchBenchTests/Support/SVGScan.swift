import Foundation

/// Elements of a rendered SVG as the report tests inspect them: each `<tag …>` start
/// tag's attributes, in document order. Good enough for the report's own output (double
/// quotes, no `>` inside attribute values since text is escaped); not a general parser.
enum SVGScan {
    struct Element {
        let offset: Int
        let attributes: [String: String]

        func number(_ name: String) -> Double? { attributes[name].flatMap(Double.init) }
    }

    static func elements(_ tag: String, in svg: String) -> [Element] {
        var result: [Element] = []
        let utf8 = Array(svg.utf8)
        let opening = Array("<\(tag) ".utf8)
        var index = 0
        while index + opening.count <= utf8.count {
            guard utf8[index..<index + opening.count].elementsEqual(opening) else {
                index += 1
                continue
            }
            var end = index + opening.count
            while end < utf8.count && utf8[end] != UInt8(ascii: ">") { end += 1 }
            let text = String(decoding: utf8[(index + opening.count)..<end], as: UTF8.self)
            result.append(Element(offset: index, attributes: attributes(text)))
            index = end
        }
        return result
    }

    /// `name="value"` pairs.
    private static func attributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(text)
        while let equals = rest.range(of: "=\"") {
            let name = rest[rest.startIndex..<equals.lowerBound].trimmingCharacters(in: .whitespaces)
            let valueStart = equals.upperBound
            guard let close = rest[valueStart...].firstIndex(of: "\"") else { break }
            result[name] = String(rest[valueStart..<close])
            rest = rest[rest.index(after: close)...]
        }
        return result
    }

    /// The SVG elements of a page whose start tag has `class="name"`.
    static func svgs(_ name: String, in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg class=\"\(name)\""),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }
}
