import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// `cfetch bench`'s progress on stderr: one line rewritten in place, on a terminal only.
struct BenchProgress {
    private let enabled: Bool
    private var total: Int
    private var done = 0

    init(enabled: Bool, total: Int) {
        self.enabled = enabled && isatty(2) == 1
        self.total = total
    }

    /// The runs the benchmark will make, once it knows which tools can run.
    mutating func plan(_ runs: Int) {
        total = runs
    }

    mutating func show(_ step: String) {
        done += 1
        guard enabled else { return }
        let width = 24
        let filled = total > 0 ? width * (done - 1) / total : 0
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        write("\r\u{1B}[K[\(bar)] \(done)/\(total) \(step)")
    }

    func finish() {
        guard enabled else { return }
        write("\r\u{1B}[K")
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = writeFully(2, UnsafeRawBufferPointer($0)) }
    }
}
