import FetchKit

extension BenchComparison {
    /// The strategies tied with the leader (the leader first), when there is no fastest.
    public var tiedWithLeader: [StrategySummary] {
        guard let leader, fastest == nil, leader.verdict?.standing == .tied else { return [] }
        return [leader] + strategies.filter { $0.contender != leader.contender && $0.verdict?.standing == .tied }
    }

    /// The noise a tie allows, as a fraction: the widest reach from 1 of the tied rows'
    /// intervals of their median ratio.
    public var tieNoise: Double? {
        tiedWithLeader.compactMap { $0.verdict?.noise }.max()
    }

    /// The answer in one sentence: the fastest, or who is tied within what noise, and who
    /// is slower; or why there is no verdict.
    public var verdictSentence: String {
        guard strategies.count > 1, let leader else {
            return strategies.isEmpty ? "no strategy measured" : "one strategy: nothing to compare it with"
        }
        if leader.verdict?.standing == .untested {
            let fewest = strategies.map(\.runs).min() ?? 0
            return "no verdict: \(fewest) run(s) per strategy cannot tell strategies apart (it takes "
                + "\(WallVerdict.minimumRuns) or more; --repeat is 5 by default); lowest median: "
                + leader.name
        }
        var sentence: String
        if let fastest {
            sentence =
                "fastest: \(fastest.name), ahead of every other row by a difference that holds "
                + "(one-sided Mann-Whitney p < \(NumberText.fixed(WallVerdict.significance, 2)), the 95% interval "
                + "of the median ratio above 1, and at least \(MachineLoad.percent(WallVerdict.smallestDifference)))"
        } else {
            let names = tiedWithLeader.map(\.name).joined(separator: ", ")
            sentence = "no single fastest: \(names) tied within noise (±\(Self.percentText(tieNoise ?? 0)))"
        }
        let slower = strategies.filter { $0.verdict?.standing == .slower }
        if !slower.isEmpty {
            let list = slower.map { "\($0.name) \(NumberText.fixed(ratio($0), 2))x" }
            sentence += "; slower: " + list.joined(separator: ", ")
        }
        let failing = strategies.filter { $0.verdict?.standing == .moreErrors }
        if !failing.isEmpty {
            let list = failing.map { "\($0.name) (\(NumberText.fixed($0.errors.median, 0)) errors)" }
            sentence += "; left out for more errors than the others: " + list.joined(separator: ", ")
        }
        return sentence
    }

    /// What the reader should know before trusting the figures: the machine's own
    /// warnings, and the strategies whose wall times spread wide (over a fifth of their
    /// median, from the fastest run to the slowest), in one line.
    public var warnings: [String] {
        var warnings = machine?.warnings ?? []
        let wide = strategies.filter { $0.runs >= 3 && $0.wallSpread > MachineLoad.wideSpread }
        if !wide.isEmpty {
            let list = wide.map { "\($0.name) \(MachineLoad.percent($0.wallSpread))" }
            warnings.append(
                "wall times spread wide (slowest run less fastest, over the median): " + list.joined(separator: ", ")
                    + "; more --repeat runs or a quieter machine would tell more")
        }
        return warnings
    }

    /// "4%", or "1.5%" under ten.
    static func percentText(_ fraction: Double) -> String {
        let percent = fraction * 100
        return NumberText.fixed(percent, percent < 10 ? 1 : 0) + "%"
    }
}
