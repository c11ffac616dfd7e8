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

    static let loopsRange = OptionRange.integer("--loops", 1...256)

    func validate() throws {
        try Self.loopsRange.check(loops)
    }

    /// The engine settings these options describe.
    var settings: EngineSettings {
        var settings = EngineSettings()
        settings.loops = loops
        settings.poller = poller
        return settings
    }

    /// The same options as arguments for a child `cfetch fetch` (bench runs), as given.
    var childArguments: [String] {
        var arguments: [String] = []
        if let loops { arguments += ["--loops", String(loops)] }
        arguments += ["--poller", poller.rawValue]
        return arguments
    }
}

extension PollerKind: ExpressibleByArgument {}
