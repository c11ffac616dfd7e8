#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The result of `cfetch bench`: one row per strategy, and what was compared.
public struct BenchComparison: Sendable, Codable {
    /// What ran: the list or the built-in workload, `-j`, repeats.
    public let workload: String
    public let concurrency: Int
    public let repeats: Int
    public let strategies: [StrategySummary]
    /// Where an interrupted benchmark stopped and what it measured before ("interrupted
    /// during green, run 2 of 3; callback, future measured"); nil when it ran to the end.
    public let incomplete: String?

    public init(
        workload: String, concurrency: Int, repeats: Int, strategies: [StrategySummary], incomplete: String? = nil
    ) {
        self.workload = workload
        self.concurrency = concurrency
        self.repeats = repeats
        self.strategies = strategies
        self.incomplete = incomplete
    }

    /// The strategy with the lowest median wall time.
    public var fastest: StrategySummary? {
        strategies.min { $0.wallSeconds.median < $1.wallSeconds.median }
    }

    /// How many times slower than the fastest, by median wall time.
    public func ratio(_ row: StrategySummary) -> Double {
        guard let best = fastest?.wallSeconds.median, best > 0 else { return 1 }
        return row.wallSeconds.median / best
    }

    /// Pretty-printed JSON (`--format json`).
    public func json() throws -> String {
        struct Document: Encodable {
            let comparison: BenchComparison
            let fastest: String?
            enum CodingKeys: String, CodingKey { case workload, concurrency, repeats, fastest, strategies, incomplete }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(comparison.workload, forKey: .workload)
                try container.encode(comparison.concurrency, forKey: .concurrency)
                try container.encode(comparison.repeats, forKey: .repeats)
                try container.encode(fastest, forKey: .fastest)
                try container.encode(comparison.strategies, forKey: .strategies)
                try container.encode(comparison.incomplete, forKey: .incomplete)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(Document(comparison: self, fastest: fastest?.strategy.rawValue))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One compact JSON object per strategy, a line each (`--format jsonl`): the strategy's
    /// figures, keyed as in `--format json`, with what was compared and whether it was the
    /// fastest — so `jq` or a spreadsheet can take rows without unwrapping a document.
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
        let best = fastest?.strategy
        return try strategies.map { row in
            let data = try encoder.encode(Line(comparison: self, row: row, fastest: row.strategy == best))
            return String(decoding: data, as: UTF8.self) + "\n"
        }.joined()
    }
}
