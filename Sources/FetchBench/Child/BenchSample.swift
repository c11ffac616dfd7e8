import FetchKit

/// One run of one strategy in `cfetch bench`: its records and what the operating system
/// measured of the child process that ran it.
public struct BenchSample: Sendable {
    public let strategy: StrategyKind
    /// 0-based repetition (warm-up runs are not kept).
    public let repetition: Int
    public let records: [FetchRecord]
    /// Seconds from starting the child to its exit, as the parent measured them.
    public let wall: Double
    public let userCPU: Double
    public let systemCPU: Double
    public let peakRSSBytes: Int
    /// The most threads the child had at once (sampled from /proc).
    public let peakThreads: Int
    public let voluntaryContextSwitches: Int
    public let involuntaryContextSwitches: Int
    public let exitStatus: Int32

    public init(
        strategy: StrategyKind, repetition: Int, records: [FetchRecord], wall: Double, userCPU: Double,
        systemCPU: Double, peakRSSBytes: Int, peakThreads: Int, voluntaryContextSwitches: Int,
        involuntaryContextSwitches: Int, exitStatus: Int32
    ) {
        self.strategy = strategy
        self.repetition = repetition
        self.records = records
        self.wall = wall
        self.userCPU = userCPU
        self.systemCPU = systemCPU
        self.peakRSSBytes = peakRSSBytes
        self.peakThreads = peakThreads
        self.voluntaryContextSwitches = voluntaryContextSwitches
        self.involuntaryContextSwitches = involuntaryContextSwitches
        self.exitStatus = exitStatus
    }

    public var cpu: Double { userCPU + systemCPU }
    public var errors: Int { records.count { !$0.ok } }
}
