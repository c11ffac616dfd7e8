import FetchKit

/// What one row of a benchmark runs: a cfetch strategy (with the engine settings the
/// benchmark sweeps, when it sweeps them), or another tool on the same list.
public struct BenchContender: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case strategy(StrategyKind)
        /// Another program, run on the same list at the same concurrency: only its wall
        /// time, CPU, memory and counts are known, not its transfers.
        case tool(ExternalTool)
    }

    public let kind: Kind
    /// `--loops` of this row, when the benchmark sweeps it (`--loops 1,2`); nil when it
    /// does not, and the runs share one value or cfetch's default.
    public let loops: Int?
    /// `--poller` of this row, when the benchmark sweeps it.
    public let poller: PollerKind?

    public init(_ kind: Kind, loops: Int? = nil, poller: PollerKind? = nil) {
        self.kind = kind
        self.loops = loops
        self.poller = poller
    }

    public static func strategy(_ strategy: StrategyKind, loops: Int? = nil, poller: PollerKind? = nil) -> Self {
        BenchContender(.strategy(strategy), loops: loops, poller: poller)
    }

    public static func tool(_ tool: ExternalTool) -> Self {
        BenchContender(.tool(tool))
    }

    /// The strategy, for a cfetch row.
    public var strategy: StrategyKind? {
        if case .strategy(let strategy) = kind { return strategy }
        return nil
    }

    /// The tool, for another program's row.
    public var tool: ExternalTool? {
        if case .tool(let tool) = kind { return tool }
        return nil
    }

    public var isExternal: Bool { tool != nil }

    /// The row's name: "callback", "callback loops=1 poll", "curl".
    public var name: String {
        switch kind {
        case .tool(let tool): return tool.rawValue
        case .strategy(let strategy):
            var name = strategy.rawValue
            if let loops { name += " loops=\(loops)" }
            if let poller { name += " \(poller.rawValue)" }
            return name
        }
    }

    public var description: String { name }

    /// The name as an HTML id: "callback-loops-1-poll".
    public var anchor: String {
        String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" }).replacing("--", with: "-")
    }

    /// The arguments of this row's swept settings for a `cfetch fetch` child.
    var fetchArguments: [String] {
        var arguments: [String] = []
        if let loops { arguments += ["--loops", String(loops)] }
        if let poller { arguments += ["--poller", poller.rawValue] }
        return arguments
    }
}
