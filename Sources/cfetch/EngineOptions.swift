import ArgumentParser
import FetchKit

/// How the engine is laid out: its loops (and, for each loop, what its multi handle and
/// readiness call are). Shared by `fetch` and `bench`, which passes them to its runs.
struct EngineOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Engine loops, each a thread with its own connections (1 to 256; default: one per core, never more "
                + "than -j). blocking runs threads of its own and ignores it.",
            valueName: "n"))
    var loops: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The readiness call each loop waits in: "
                + PollerKind.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: " or ")
                + ". Both fetch the same.",
            valueName: "poller"))
    var poller: PollerKind = .epoll

    @Option(
        name: .customLong("h2-streams"), parsing: .unconditional,
        help: ArgumentHelp(
            "HTTP/2 transfers one connection carries at once (1 to 1000; default: 100, as curl). https URLs "
                + "to a server that offers HTTP/2 share its connections (each loop opens one, and another only "
                + "when every one carries this many); --http1.1 turns that off.",
            valueName: "n"))
    var h2Streams: Int?

    static let loopsRange = OptionRange.integer("--loops", 1...256)
    static let h2StreamsRange = OptionRange.integer("--h2-streams", 1...1000)

    func validate() throws {
        try Self.loopsRange.check(loops)
        try Self.h2StreamsRange.check(h2Streams)
    }

    /// The engine settings these options describe.
    var settings: EngineSettings {
        var settings = EngineSettings()
        settings.loops = loops
        settings.poller = poller
        if let h2Streams { settings.h2Streams = h2Streams }
        return settings
    }

    /// The same options as arguments for a child `cfetch fetch` (bench runs), as given.
    var childArguments: [String] {
        var arguments: [String] = []
        if let loops { arguments += ["--loops", String(loops)] }
        arguments += ["--poller", poller.rawValue]
        if let h2Streams { arguments += ["--h2-streams", String(h2Streams)] }
        return arguments
    }
}

extension PollerKind: ExpressibleByArgument {}
