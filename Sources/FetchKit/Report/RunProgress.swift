import Foundation
import Synchronization

/// Counts a run's progress and, when asked to (stderr is a terminal), draws a one-line
/// bar on stderr: done/total, rate, ETA. Also the channel for warnings during a run.
/// Thread-safe.
public final class RunProgress: Sendable {
    private struct State {
        var queued = 0
        var total: Int?
        var done = 0
        var failed = 0
        var lineShown = false
        var finished = false
    }

    private let state = Mutex(State())
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

    public var done: Int { state.withLock { $0.done } }

    func jobQueued() {
        state.withLock { $0.queued += 1 }
    }

    func inputFinished(total: Int) {
        state.withLock { $0.total = total }
    }

    func recordDone(ok: Bool) {
        state.withLock { state in
            state.done += 1
            if !ok { state.failed += 1 }
        }
    }

    /// Starts redrawing the bar a few times a second until `finish()`.
    func start() {
        guard drawsBar else { return }
        let thread = Thread { [self] in
            while !state.withLock({ $0.finished }) {
                draw()
                usleep(200_000)
            }
        }
        thread.name = "cfetch-progress"
        thread.start()
    }

    /// Removes the bar so a line written to the same terminal is not mixed into it.
    func clearLine() {
        guard drawsBar else { return }
        let shown = state.withLock { state in
            defer { state.lineShown = false }
            return state.lineShown
        }
        if shown { stderr.withLock { _ = $0.write("\r\u{1B}[K") } }
    }

    func finish() {
        state.withLock { $0.finished = true }
        clearLine()
    }

    /// A warning on stderr (above the bar).
    public func warn(_ message: String) {
        clearLine()
        stderr.withLock { _ = $0.write("cfetch: warning: \(message)\n") }
    }

    private func draw() {
        let snapshot = state.withLock { state -> State in
            state.lineShown = true
            return state
        }
        let elapsed = MonotonicClock.seconds(from: started, to: MonotonicClock.now())
        let rate = elapsed > 0 ? Double(snapshot.done) / elapsed : 0
        var line = "\r\u{1B}[K"
        if let total = snapshot.total, total > 0 {
            let fraction = Double(snapshot.done) / Double(total)
            let filled = Int(fraction * 30)
            line += "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
            line += "\(snapshot.done)/\(total) \(Int(fraction * 100))%"
            if rate > 0 { line += "  ETA \(Int((Double(total - snapshot.done) / rate).rounded(.up))) s" }
        } else {
            line += "\(snapshot.done)/\(snapshot.queued)+"
        }
        line += "  \(ByteCount.oneDecimal(rate))/s"
        if snapshot.failed > 0 { line += "  \(snapshot.failed) failed" }
        stderr.withLock { _ = $0.write(line) }
    }
}
