import FetchKit

/// One run of one row in `cfetch bench`: its records (for a cfetch strategy) and what the
/// operating system measured of the child process that ran it.
public struct BenchSample: Sendable {
    public let contender: BenchContender
    /// 0-based repetition (warm-up runs are not kept).
    public let repetition: Int
    /// cfetch's records; none for another tool, whose transfers are not seen one by one.
    public let records: [FetchRecord]
    /// The URLs the run fetched, and how many of them failed: counted from the records
    /// for cfetch, from the tool's own report for another tool.
    public let transfers: Int
    public let errors: Int
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
        contender: BenchContender, repetition: Int, records: [FetchRecord], transfers: Int? = nil, errors: Int? = nil,
        wall: Double, userCPU: Double, systemCPU: Double, peakRSSBytes: Int, peakThreads: Int,
        voluntaryContextSwitches: Int, involuntaryContextSwitches: Int, exitStatus: Int32
    ) {
        self.contender = contender
        self.repetition = repetition
        self.records = records
        self.transfers = transfers ?? records.count
        self.errors = errors ?? records.count { !$0.ok }
        self.wall = wall
        self.userCPU = userCPU
        self.systemCPU = systemCPU
        self.peakRSSBytes = peakRSSBytes
        self.peakThreads = peakThreads
        self.voluntaryContextSwitches = voluntaryContextSwitches
        self.involuntaryContextSwitches = involuntaryContextSwitches
        self.exitStatus = exitStatus
    }

    /// A cfetch strategy's run, counted from its records.
    public init(
        strategy: StrategyKind, repetition: Int, records: [FetchRecord], wall: Double, userCPU: Double,
        systemCPU: Double, peakRSSBytes: Int, peakThreads: Int, voluntaryContextSwitches: Int,
        involuntaryContextSwitches: Int, exitStatus: Int32
    ) {
        self.init(
            contender: .strategy(strategy), repetition: repetition, records: records, wall: wall, userCPU: userCPU,
            systemCPU: systemCPU, peakRSSBytes: peakRSSBytes, peakThreads: peakThreads,
            voluntaryContextSwitches: voluntaryContextSwitches, involuntaryContextSwitches: involuntaryContextSwitches,
            exitStatus: exitStatus)
    }

    public var cpu: Double { userCPU + systemCPU }
}
