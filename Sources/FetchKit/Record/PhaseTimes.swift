/// curl's cumulative phase times, in seconds from the start of the attempt
/// (`CURLINFO_*_TIME_T`): each includes the phases before it.
public struct PhaseTimes: Sendable, Equatable {
    public var dns: Double = 0
    public var connect: Double = 0
    public var tls: Double = 0
    public var ttfb: Double = 0
    public var total: Double = 0

    public init() {}
}
