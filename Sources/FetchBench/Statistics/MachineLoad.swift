import FetchKit

/// How busy the machine was while a benchmark ran, beyond the benchmark's own work, and
/// the warnings that follow: figures taken on a busy machine compare less well, and a
/// verdict of "tied" may only mean the noise was loud.
public struct MachineLoad: Sendable, Codable, Equatable {
    /// CPU time other processes used during the runs, as a share of all the machine's
    /// CPUs over the benchmark's wall time (0.25: a quarter of the machine); nil where
    /// /proc/stat cannot be read.
    public let otherCPUShare: Double?
    /// CPU time the hypervisor took from this virtual machine, as a share of its CPUs.
    public let stolenShare: Double?
    /// The one-minute load average when the benchmark started.
    public let loadAverageBefore: Double?
    public let processors: Int

    /// Above these, the warnings speak.
    public static let busyShare = 0.10
    public static let stolenLimit = 0.02
    public static let wideSpread = 0.20

    public init(otherCPUShare: Double?, stolenShare: Double?, loadAverageBefore: Double?, processors: Int) {
        self.otherCPUShare = otherCPUShare
        self.stolenShare = stolenShare
        self.loadAverageBefore = loadAverageBefore
        self.processors = processors
    }

    /// What the reader should know before trusting the figures: other work on the CPUs,
    /// time stolen by the hypervisor, a machine already loaded at the start.
    public var warnings: [String] {
        var warnings: [String] = []
        if let share = otherCPUShare, share > Self.busyShare {
            warnings.append(
                "the machine was busy: other processes used \(Self.percent(share)) of its \(processors) CPUs "
                    + "during the runs")
        }
        if let share = stolenShare, share > Self.stolenLimit {
            warnings.append("the hypervisor took \(Self.percent(share)) of the CPUs (steal time) during the runs")
        }
        if let load = loadAverageBefore, load > Double(processors) / 2 {
            warnings.append(
                "the load average was \(NumberText.fixed(load, 1)) on \(processors) CPUs when the benchmark started")
        }
        return warnings
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}
