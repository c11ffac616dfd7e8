import FetchKit

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the whole machine was doing, read at a benchmark's start and end, so the result
/// can say when other work shared the CPUs with the runs: `/proc/stat`'s CPU time (busy
/// and stolen by the hypervisor), `/proc/loadavg`, and this process's and its reaped
/// children's own CPU time, which the benchmark itself spent.
struct MachineActivity: Sendable {
    /// Seconds of CPU time the whole machine spent busy (not idle, not waiting for I/O),
    /// and stolen from it; nil where /proc/stat cannot be read.
    let busySeconds: Double?
    let stolenSeconds: Double?
    /// The one-minute load average.
    let loadAverage: Double?
    /// This process's CPU time plus that of its children it has waited for.
    let ownSeconds: Double
    /// The processors /proc/stat counts: all of the machine's, not this process's share.
    let processors: Int
    /// Monotonic nanoseconds.
    let at: UInt64

    static func now() -> MachineActivity {
        let ticks = Self.cpuTicks()
        let perSecond = Double(max(1, sysconf(Int32(_SC_CLK_TCK))))
        return MachineActivity(
            busySeconds: ticks.map { Double($0.busy) / perSecond },
            stolenSeconds: ticks.map { Double($0.steal) / perSecond },
            loadAverage: Self.loadAverage(), ownSeconds: Self.ownCPU(),
            processors: max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))), at: MonotonicClock.now())
    }

    /// How busy the machine was from `start` to now, beyond the benchmark's own work.
    func since(_ start: MachineActivity) -> MachineLoad {
        let wall = MonotonicClock.seconds(from: start.at, to: at)
        let capacity = wall * Double(processors)
        var others: Double?
        var stolen: Double?
        if let busy = busySeconds, let before = start.busySeconds, capacity > 0 {
            others = max(0, (busy - before) - (ownSeconds - start.ownSeconds)) / capacity
        }
        if let steal = stolenSeconds, let before = start.stolenSeconds, capacity > 0 {
            stolen = max(0, steal - before) / capacity
        }
        return MachineLoad(
            otherCPUShare: others, stolenShare: stolen, loadAverageBefore: start.loadAverage,
            processors: processors)
    }

    /// The aggregate `cpu` line of /proc/stat: user nice system idle iowait irq softirq
    /// steal (guest time is already in user).
    private static func cpuTicks() -> (busy: UInt64, steal: UInt64)? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first, line.hasPrefix("cpu ")
        else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard fields.count >= 8 else { return nil }
        let busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6]
        return (busy, fields[7])
    }

    private static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    private static func ownCPU() -> Double {
        var total = 0.0
        for who in [RUSAGE_SELF, RUSAGE_CHILDREN].map({ Int32($0.rawValue) }) {
            var usage = rusage()
            guard getrusage(who, &usage) == 0 else { continue }
            for time in [usage.ru_utime, usage.ru_stime] {
                total += Double(time.tv_sec) + Double(time.tv_usec) / 1e6
            }
        }
        return total
    }
}
