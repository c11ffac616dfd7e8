import ArgumentParser
import FetchKit

/// How gently to treat each host: the frontier's limits.
struct PolitenessOptions: ParsableArguments {
    @Option(
        name: .customLong("per-host"), parsing: .unconditional,
        help: ArgumentHelp(
            "At most N transfers in flight per host (scheme + host + port, as curl counts it; "
                + "0 to 100000; 0: no limit).",
            valueName: "N"))
    var perHost = 0

    @Option(
        name: .customLong("rate"),
        help: ArgumentHelp(
            "At most R request starts in all: 10 or 10/s per second, 600/m per minute, 1/5s one per 5 seconds "
                + "(also /h, /d).",
            valueName: "R"))
    var rate: String?

    @Option(
        name: .customLong("host-rate"),
        help: ArgumentHelp("At most R request starts per host, written as for --rate.", valueName: "R"))
    var hostRate: String?

    @Flag(
        name: .customLong("jitter"),
        help: "Spread each host's starts by ±50% of its interval (with --host-rate or --robots' Crawl-delay).")
    var jitter = false

    @Flag(
        name: .customLong("adaptive"),
        help: """
            Per host, start at --per-host (or 4) in flight, add one after a run of successes, halve on a \
            429, a 503 or a connect timeout; never above --per-host, never below 1.
            """)
    var adaptive = false

    @Flag(
        name: .customLong("robots"),
        help: """
            Fetch each host's /robots.txt first (under the same limits); URLs it disallows for our \
            user agent get an error record 'robots', not fetched; its Crawl-delay (at most 30 s) \
            becomes the host's rate.
            """)
    var robots = false

    static let perHostRange = OptionRange.integer("--per-host", 0...100_000, note: "0: no limit")

    func validate() throws {
        try Self.perHostRange.check(perHost)
        _ = try Self.parse(rate, option: "--rate")
        _ = try Self.parse(hostRate, option: "--host-rate")
        if jitter && hostRate == nil && !robots {
            throw ValidationError("--jitter spreads a host's rate: it needs --host-rate or --robots")
        }
    }

    private static func parse(_ text: String?, option: String) throws(ValidationError) -> RequestRate? {
        guard let text else { return nil }
        guard let rate = RequestRate(parsing: text) else {
            throw ValidationError(
                "\(option) must be a rate such as 10, 10/s, 600/m or 1/5s (more than 0, at most one a microsecond "
                    + "and at least one in 31 years), not '\(text)'")
        }
        return rate
    }

    /// The frontier's rules these options describe (valid: `validate()` has run).
    var politeness: Politeness {
        var politeness = Politeness()
        politeness.perHost = perHost
        politeness.rate = rate.flatMap(RequestRate.init(parsing:))
        politeness.hostRate = hostRate.flatMap(RequestRate.init(parsing:))
        politeness.jitter = jitter
        politeness.adaptive = adaptive
        politeness.robots = robots
        return politeness
    }

    /// The same options as arguments for a child `cfetch fetch` (bench runs).
    var childArguments: [String] {
        var arguments: [String] = []
        if perHost > 0 { arguments += ["--per-host", String(perHost)] }
        if let rate { arguments += ["--rate", rate] }
        if let hostRate { arguments += ["--host-rate", hostRate] }
        if jitter { arguments.append("--jitter") }
        if adaptive { arguments.append("--adaptive") }
        if robots { arguments.append("--robots") }
        return arguments
    }
}
