import Dispatch
import FetchKit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Samples a child's /proc status every few milliseconds: its peak thread count, and
/// its peak RSS as `VmHWM` — the high-water mark of the child's own address space.
/// (`wait4`'s `ru_maxrss` is no use here: posix_spawn borrows the parent's address space
/// until exec, and Linux folds that space's high-water mark into the child's maxrss, so
/// it would report the benchmark parent's memory.)
final class ChildSampler: Sendable {
    private struct Peaks {
        var threads = 0
        var rssKilobytes = 0
        var running = true
    }

    private let pid: pid_t
    private let state = Locked(Peaks())
    private let finished = DispatchSemaphore(value: 0)

    init(pid: pid_t) {
        self.pid = pid
    }

    var peakThreads: Int { state.withLock { $0.threads } }
    var peakRSSBytes: Int { state.withLock { $0.rssKilobytes } * 1024 }

    func start() {
        startThread(name: "cfetch-bench-sampler") { [self] in
            while state.withLock({ $0.running }) {
                sample()
                usleep(5_000)
            }
            finished.signal()
        }
    }

    /// Stops sampling; call after the child exited (a zombie's status still names its
    /// last values, read once more here).
    func stop() {
        state.withLock { $0.running = false }
        finished.wait()
    }

    private func sample() {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return }
        var threads: Int?
        var rss: Int?
        for line in status.split(separator: "\n") {
            if line.hasPrefix("Threads:") { threads = Self.number(in: line) }
            if line.hasPrefix("VmHWM:") { rss = Self.number(in: line) }
        }
        state.withLock { peaks in
            peaks.threads = max(peaks.threads, threads ?? 0)
            peaks.rssKilobytes = max(peaks.rssKilobytes, rss ?? 0)
        }
    }

    /// The value of a `Name:<tab or spaces>value [kB]` line.
    private static func number(in line: Substring) -> Int? {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
    }
}
