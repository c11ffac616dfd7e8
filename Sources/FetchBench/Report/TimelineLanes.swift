/// How a timeline's workers map to its rows: one lane per worker while they fit, else
/// bands of consecutive workers.
struct TimelineLanes {
    /// The plot never grows taller than this, whatever the worker count.
    static let maxHeight = 480.0
    static let maxRowHeight = 22.0

    let workers: Int
    let workersPerRow: Int
    let rows: Int
    let rowHeight: Double

    /// - Parameter maxRows: the most rows to draw; more workers share rows.
    init(workers: Int, maxRows: Int) {
        self.workers = max(1, workers)
        workersPerRow = (self.workers + maxRows - 1) / maxRows
        rows = (self.workers + workersPerRow - 1) / workersPerRow
        rowHeight = min(Self.maxRowHeight, (Self.maxHeight / Double(rows)).rounded(.down))
    }

    var height: Double { Double(rows) * rowHeight }
    var isBanded: Bool { workersPerRow > 1 }

    /// The row of a (1-based) worker.
    func row(of worker: Int) -> Int {
        min(rows - 1, max(0, worker - 1) / workersPerRow)
    }

    /// The workers a row holds, 1-based.
    func workers(in row: Int) -> ClosedRange<Int> {
        let first = row * workersPerRow + 1
        return first...min(workers, first + workersPerRow - 1)
    }

    func label(_ row: Int) -> String {
        let range = workers(in: row)
        return range.count == 1 ? "worker \(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }

    /// Every how many rows a label fits (labels need ~12 px).
    var labelEvery: Int {
        max(1, Int((12 / rowHeight).rounded(.up)))
    }
}
