import ArgumentParser
import FetchKit

/// `cfetch bench`'s engine options: `fetch`'s, except that `--loops` and `--poller` take
/// comma lists, and two or more values are swept — each strategy but blocking gets a row
/// per value — so their effect shows in the same table.
struct BenchEngineOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Engine loops (1 to 256; default: one per core, never more than -j); a comma list (1,2) gives each "
                + "strategy but blocking a row per value.",
            valueName: "n[,n...]"))
    var loops: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The readiness call: " + PollerKind.allCases.map(\.rawValue).joined(separator: " or ")
                + "; a comma list (epoll,poll) gives each strategy but blocking a row per value.",
            valueName: "poller[,poller]"))
    var poller: String?

    @Option(
        name: .customLong("h2-streams"), parsing: .unconditional,
        help: ArgumentHelp("HTTP/2 transfers one connection carries at once (1 to 1000; default: 100).", valueName: "n")
    )
    var h2Streams: Int?

    func validate() throws {
        _ = try loopValues()
        _ = try pollerValues()
        try EngineOptions.h2StreamsRange.check(h2Streams)
    }

    /// The `--loops` values, in order, each once; empty when not given.
    func loopValues() throws -> [Int] {
        try Self.list(loops, option: "--loops") { text throws(ValidationError) in
            guard let value = Int(text) else { throw ValidationError("--loops takes whole numbers: '\(text)'") }
            try EngineOptions.loopsRange.check(value)
            return value
        }
    }

    /// The `--poller` values, in order, each once; empty when not given.
    func pollerValues() throws -> [PollerKind] {
        try Self.list(poller, option: "--poller") { text throws(ValidationError) in
            guard let kind = PollerKind(rawValue: text) else {
                let known = PollerKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown poller '\(text)' (known: \(known))")
            }
            return kind
        }
    }

    /// Arguments every child run gets: a single `--loops` or `--poller` (a swept one is
    /// the row's own), and `--h2-streams`.
    func childArguments() throws -> [String] {
        var arguments: [String] = []
        let loops = try loopValues()
        if loops.count == 1 { arguments += ["--loops", String(loops[0])] }
        let pollers = try pollerValues()
        if pollers.count == 1 { arguments += ["--poller", pollers[0].rawValue] }
        if let h2Streams { arguments += ["--h2-streams", String(h2Streams)] }
        return arguments
    }

    private static func list<Value: Equatable>(
        _ text: String?, option: String, _ parse: (String) throws(ValidationError) -> Value
    ) throws -> [Value] {
        guard let text else { return [] }
        var values: [Value] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingBlanks }) {
            guard !item.isEmpty else { throw ValidationError("\(option) has an empty value in '\(text)'") }
            let value = try parse(item)
            if !values.contains(value) { values.append(value) }
        }
        return values
    }
}
