#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The result of `cfetch bench`: one row per strategy (and per other tool run beside
/// them), and what was compared; where each
/// row stands against the one with the lowest median wall time (`WallVerdict`: the noise
/// decides whether there is a fastest); and what may make the figures less reliable.
public struct BenchComparison: Sendable, Encodable {
    /// What ran: the list or the built-in workload, `-j`, repeats.
    public let workload: String
    public let concurrency: Int
    public let repeats: Int
    /// In the order of the plan, each with its `verdict`.
    public let strategies: [StrategySummary]
    /// Where an interrupted benchmark stopped and what it measured before ("interrupted
    /// during green, run 2 of 3; callback, future measured"); nil when it ran to the end.
    public let incomplete: String?
    /// How busy the machine was with other work during the runs; nil when not measured.
    public let machine: MachineLoad?
    /// The tools asked for that did not run, each with why ("aria2c: not installed
    /// (apt-get install aria2)").
    public let toolsLeftOut: [String]

    public init(
        workload: String, concurrency: Int, repeats: Int, strategies: [StrategySummary], incomplete: String? = nil,
        machine: MachineLoad? = nil, toolsLeftOut: [String] = []
    ) {
        self.workload = workload
        self.concurrency = concurrency
        self.repeats = repeats
        let verdicts = WallVerdict.verdicts(
            wallSecondsPerRow: strategies.map(\.wallSecondsPerRun), errorsPerRow: strategies.map(\.errors.median),
            records: strategies.map(\.records).max() ?? 0)
        self.strategies = zip(strategies, verdicts).map { row, verdict in
            var row = row
            row.verdict = strategies.count > 1 ? verdict : nil
            return row
        }
        self.incomplete = incomplete
        self.machine = machine
        self.toolsLeftOut = toolsLeftOut
    }

    /// The strategy with the lowest median wall time, whether or not the difference holds.
    public var leader: StrategySummary? {
        strategies.min { $0.wallSeconds.median < $1.wallSeconds.median }
    }

    /// The fastest strategy: the leader, when every other is slower by a difference that
    /// holds; nil when some are tied with it, or too few runs tell.
    public var fastest: StrategySummary? {
        strategies.first { $0.verdict?.standing == .fastest }
    }

    /// How many times slower than the leader, by median wall time.
    public func ratio(_ row: StrategySummary) -> Double {
        guard let best = leader?.wallSeconds.median, best > 0 else { return 1 }
        return row.wallSeconds.median / best
    }

    /// Pretty-printed JSON (`--format json`).
    public func json() throws -> String {
        struct Document: Encodable {
            let comparison: BenchComparison
            enum CodingKeys: String, CodingKey {
                case workload, concurrency, repeats, fastest, leader, verdict, strategies, incomplete, machine, warnings
                case toolsLeftOut
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(comparison.workload, forKey: .workload)
                try container.encode(comparison.concurrency, forKey: .concurrency)
                try container.encode(comparison.repeats, forKey: .repeats)
                try container.encode(comparison.fastest?.name, forKey: .fastest)
                try container.encode(comparison.leader?.name, forKey: .leader)
                try container.encode(comparison.verdictSentence, forKey: .verdict)
                try container.encode(comparison.strategies, forKey: .strategies)
                try container.encode(comparison.incomplete, forKey: .incomplete)
                try container.encode(comparison.machine, forKey: .machine)
                try container.encode(comparison.warnings, forKey: .warnings)
                try container.encode(comparison.toolsLeftOut, forKey: .toolsLeftOut)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(Document(comparison: self))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One compact JSON object per strategy, a line each (`--format jsonl`): the strategy's
    /// figures, keyed as in `--format json`, with what was compared and whether it was the
    /// fastest (by a difference that holds; each row's `verdict` says more) — so `jq` or a
    /// spreadsheet can take rows without unwrapping a document.
    public func jsonLines() throws -> String {
        struct Line: Encodable {
            let comparison: BenchComparison
            let row: StrategySummary
            let fastest: Bool
            enum CodingKeys: String, CodingKey { case workload, concurrency, repeats, fastest, incomplete }
            func encode(to encoder: any Encoder) throws {
                try row.encode(to: encoder)
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(comparison.workload, forKey: .workload)
                try container.encode(comparison.concurrency, forKey: .concurrency)
                try container.encode(comparison.repeats, forKey: .repeats)
                try container.encode(fastest, forKey: .fastest)
                try container.encode(comparison.incomplete, forKey: .incomplete)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let best = fastest?.contender
        return try strategies.map { row in
            let data = try encoder.encode(Line(comparison: self, row: row, fastest: row.contender == best))
            return String(decoding: data, as: UTF8.self) + "\n"
        }.joined()
    }
}
