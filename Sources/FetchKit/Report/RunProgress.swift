import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Counts a run's progress and, when asked to (stderr is a terminal), draws a one-line
/// bar on stderr: done/total, rate, ETA. Also the channel for warnings during a run.
/// Thread-safe.
///
/// The bar is redrawn at a steady rate on its own thread, fitted to the terminal's width
/// (so it never wraps and leaves stale lines). It is erased only to let a line through
/// on the same terminal — a warning, or a record when stdout is that terminal — and put
/// back at once after it, so even a fast run shows it.
public final class RunProgress: Sendable {
    /// How often the bar is redrawn: often enough to look alive, rarely enough to cost
    /// nothing measurable.
    static let redrawInterval: useconds_t = 100_000
    /// The width assumed when the terminal does not say.
    static let defaultColumns = 80

    // Counters are atomics: every worker bumps them once per job.
    private let queued = Atomic<Int>(0)
    private let total = Atomic<Int>(-1)
    private let doneCount = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)
    private let drawsBar: Bool
    private let started = MonotonicClock.now()
    private let terminal = Locked(Terminal(writer: OutputWriter(fd: 2)))

    /// stderr, and what the bar has put on it.
    private struct Terminal {
        let writer: OutputWriter
        /// The bar as last drawn (carriage return to erase-to-end), while it is on screen.
        var shown: String?
        var finished = false
    }

    /// - Parameter showBar: draw the bar (only sensible when stderr is a terminal).
    public init(showBar: Bool) {
        drawsBar = showBar
    }

    /// A bar on stderr only when stderr is a terminal, as DESIGN asks.
    public static func forTerminal(enabled: Bool) -> RunProgress {
        RunProgress(showBar: enabled && isatty(2) == 1)
    }

    /// Whether lines written to `fd` land on the terminal the bar is drawn on (the same
    /// terminal device as stderr), so the bar must make way for them.
    func drawsOnSameTerminal(as fd: Int32) -> Bool {
        guard drawsBar, isatty(fd) == 1 else { return false }
        var output = stat()
        var error = stat()
        guard fstat(fd, &output) == 0, fstat(2, &error) == 0 else { return false }
        return output.st_rdev == error.st_rdev
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

    /// Starts redrawing the bar at a steady rate until `finish()`.
    func start() {
        guard drawsBar else { return }
        startThread(name: "cfetch-progress") { [self] in
            while draw() {
                usleep(Self.redrawInterval)
            }
        }
    }

    /// Runs `writeLine` (a write of a whole line to the bar's terminal) with the bar out of
    /// its way, and puts the bar back after it.
    func makingWay(for writeLine: () -> Bool) -> Bool {
        terminal.withLock { terminal in
            guard let shown = terminal.shown else { return writeLine() }
            terminal.writer.write(Self.erase)
            let written = writeLine()
            terminal.writer.write(shown)
            return written
        }
    }

    /// Takes the bar off the terminal for good.
    func finish() {
        terminal.withLock { terminal in
            terminal.finished = true
            if terminal.shown != nil { terminal.writer.write(Self.erase) }
            terminal.shown = nil
        }
    }

    /// A warning on stderr (above the bar).
    public func warn(_ message: String) {
        let line = "cfetch: warning: \(message)\n"
        terminal.withLock { terminal in
            if terminal.shown != nil { terminal.writer.write(Self.erase) }
            terminal.writer.write(line)
            if let shown = terminal.shown { terminal.writer.write(shown) }
        }
    }

    /// Bytes for stderr as they are (`-w`'s `%{stderr}`), above the bar.
    func writeToStderr(_ bytes: [UInt8]) {
        terminal.withLock { terminal in
            if terminal.shown != nil { terminal.writer.write(Self.erase) }
            bytes.withUnsafeBufferPointer { _ = terminal.writer.write($0) }
            if let shown = terminal.shown { terminal.writer.write(shown) }
        }
    }

    private static let erase = "\r\u{1B}[K"

    /// Draws the bar once; false once the run has finished.
    private func draw() -> Bool {
        let text = barText(columns: terminalColumns(2) ?? Self.defaultColumns)
        return terminal.withLock { terminal in
            guard !terminal.finished else { return false }
            let line = "\r" + text + "\u{1B}[K"
            terminal.writer.write(line)
            terminal.shown = line
            return true
        }
    }

    /// The bar's text, never wider than `columns - 1` (the last column would wrap on some
    /// terminals): on a narrow one the bar goes first, then the ETA, then the tail.
    func barText(columns: Int) -> String {
        let done = doneCount.load(ordering: .relaxed)
        let total = total.load(ordering: .relaxed)
        let failed = failed.load(ordering: .relaxed)
        let elapsed = MonotonicClock.seconds(from: started, to: MonotonicClock.now())
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var bar = ""
        let count: String
        var eta = ""
        if total > 0 {
            let fraction = Double(done) / Double(total)
            let filled = min(30, Int(fraction * 30))
            bar = "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
            count = "\(done)/\(total) \(Int(fraction * 100))%"
            if rate > 0 { eta = "  ETA \(Int((Double(total - done) / rate).rounded(.up))) s" }
        } else {
            // The input is read lazily: how many lines there are is known only at its end.
            count = "\(done)/\(queued.load(ordering: .relaxed))+"
        }
        var tail = "  \(NumberText.fixed(rate, 1))/s"
        if failed > 0 { tail += "  \(failed) failed" }
        return Self.fit(bar: bar, count: count, eta: eta, tail: tail, columns: columns)
    }

    static func fit(bar: String, count: String, eta: String, tail: String, columns: Int) -> String {
        let limit = max(1, columns - 1)
        for candidate in [bar + count + eta + tail, count + eta + tail, count + tail]
        where candidate.unicodeScalars.count <= limit {
            return candidate
        }
        return String(String.UnicodeScalarView((count + tail).unicodeScalars.prefix(limit)))
    }
}
