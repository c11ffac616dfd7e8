import Foundation
import Synchronization

/// Counts a run's progress and, when asked to (stderr is a terminal), draws a one-line
/// bar on stderr: done/total, rate, ETA. Also the channel for warnings during a run.
/// Thread-safe.
public final class RunProgress: Sendable {
    // Counters are atomics: every worker bumps them once per job.
    private let queued = Atomic<Int>(0)
    private let total = Atomic<Int>(-1)
    private let doneCount = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)
    private let lineShown = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private let drawsBar: Bool
    private let started = MonotonicClock.now()
    private let stderr = Mutex(OutputWriter(fd: 2))

    /// - Parameter showBar: draw the bar (only sensible when stderr is a terminal).
    public init(showBar: Bool) {
        drawsBar = showBar
    }

    /// A bar on stderr only when stderr is a terminal, as DESIGN asks.
    public static func forTerminal(enabled: Bool) -> RunProgress {
        RunProgress(showBar: enabled && isatty(2) == 1)
    }

    func jobQueued() {
        queued.add(1, ordering: .relaxed)
    }

    func inputFinished(total: Int) {
        self.total.store(total, ordering: .relaxed)
    }

    func recordDone(ok: Bool) {
        doneCount.add(1, ordering: .relaxed)
        if !ok { failed.add(1, ordering: .relaxed) }
    }

    /// Starts redrawing the bar a few times a second until `finish()`.
    func start() {
        guard drawsBar else { return }
        startThread(name: "cfetch-progress") { [self] in
            while !finished.load(ordering: .relaxed) {
                draw()
                usleep(200_000)
            }
        }
    }

    /// Removes the bar so a line written to the same terminal is not mixed into it.
    func clearLine() {
        guard drawsBar, lineShown.exchange(false, ordering: .relaxed) else { return }
        stderr.withLock { _ = $0.write("\r\u{1B}[K") }
    }

    func finish() {
        finished.store(true, ordering: .relaxed)
        clearLine()
    }

    /// A warning on stderr (above the bar).
    public func warn(_ message: String) {
        clearLine()
        stderr.withLock { _ = $0.write("cfetch: warning: \(message)\n") }
    }

    private func draw() {
        lineShown.store(true, ordering: .relaxed)
        let done = doneCount.load(ordering: .relaxed)
        let total = total.load(ordering: .relaxed)
        let failed = failed.load(ordering: .relaxed)
        let elapsed = MonotonicClock.seconds(from: started, to: MonotonicClock.now())
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var line = "\r\u{1B}[K"
        if total > 0 {
            let fraction = Double(done) / Double(total)
            let filled = Int(fraction * 30)
            line += "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
            line += "\(done)/\(total) \(Int(fraction * 100))%"
            if rate > 0 { line += "  ETA \(Int((Double(total - done) / rate).rounded(.up))) s" }
        } else {
            // The input is read lazily: how many lines there are is known only at its end.
            line += "\(done)/\(queued.load(ordering: .relaxed))+"
        }
        line += "  \(NumberText.fixed(rate, 1))/s"
        if failed > 0 { line += "  \(failed) failed" }
        stderr.withLock { _ = $0.write(line) }
    }
}
