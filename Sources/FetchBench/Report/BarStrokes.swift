/// Bars of one row and one class as a single SVG path of horizontal strokes: the row's
/// height is the stroke's width (set once, on the group), each bar a `h` segment, the
/// gaps relative `m` moves. A bar then costs about eight bytes instead of the sixty of a
/// `<rect>` with its four attributes, and bars that touch or overlap merge into one
/// segment — which is what a timeline of thousands of transfers needs to stay small.
///
/// Coordinates are kept in tenths of a pixel and the moves computed from the rounded
/// positions, so relative steps never drift from where absolute ones would be.
struct BarStrokes {
    /// The row's centre line, in tenths of a px.
    private let y: Int
    private var path = ""
    /// The pending segment, not yet written: further bars may still extend it.
    private var pending: (start: Int, end: Int)?
    /// Where the pen stands: the end of the last segment written.
    private var pen: Int?

    init(centre: Double) {
        y = Self.tenths(centre)
    }

    var isEmpty: Bool { pending == nil && path.isEmpty }

    /// Adds a bar from `left` to `right` (px). Bars must come in order of `left`; one that
    /// starts before the pending one ends extends it.
    mutating func add(from left: Double, to right: Double) {
        let start = Self.tenths(left)
        let end = max(start + 1, Self.tenths(right))
        if let current = pending, start <= current.end {
            pending = (current.start, max(current.end, end))
            return
        }
        flush()
        pending = (start, end)
    }

    /// The path's `d`, every bar written.
    mutating func finish() -> String {
        flush()
        return path
    }

    private mutating func flush() {
        guard let segment = pending else { return }
        if let pen {
            path += "m\(Self.text(segment.start - pen)) 0"
        } else {
            path += "M\(Self.text(segment.start)) \(Self.text(y))"
        }
        path += "h\(Self.text(segment.end - segment.start))"
        pen = segment.end
        pending = nil
    }

    private static func tenths(_ value: Double) -> Int {
        value.isFinite ? Int((value * 10).rounded()) : 0
    }

    /// Tenths as px text: "12", "12.5", "-0.3".
    static func text(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        let fraction = magnitude % 10
        return sign + String(magnitude / 10) + (fraction == 0 ? "" : "." + String(fraction))
    }
}
