import ArgumentParser
import FetchBench
import FetchKit
import FetchTestServer

/// `cfetch demo`: the offline demo — the built-in server plus a generated list.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fetch a generated list from the built-in local server (no network needed).",
        discussion: """
            Starts the test server on 127.0.0.1, generates URLs with mixed delays and sizes and a few planned failures, fetches them, and prints each task's events, each task's total elapsed time and the run's. The planned failures do not make it exit 1: it exits 0 when it ran to the end.

            Examples:
              cfetch demo
              cfetch demo --strategy blocking -j 4 --count 100
            """
    )

    @OptionGroup var runOptions: RunOptions

    @Option(name: .long, parsing: .unconditional, help: "How many URLs to generate (1 to 1000000).")
    var count = 300

    @Option(
        name: .long, parsing: .unconditional,
        help: "Seed for the generated list, 0 or more (the same seed, the same list).")
    var seed = 1

    static let countRange = OptionRange.integer("--count", 1...1_000_000)
    static let seedRange = OptionRange.integer("--seed", 0...Int.max)

    func validate() throws {
        try Self.countRange.check(count)
        try Self.seedRange.check(seed)
    }

    func run() throws {
        let server = try BuiltInServer.start()
        defer { try? server.shutdown() }
        let urls = DemoWorkload(count: count, seed: UInt64(seed)).urls(baseURL: server.baseURL)
        if !runOptions.silent {
            printError(
                "demo: \(urls.count) URLs from the built-in server at \(server.baseURL), "
                    + "strategy \(runOptions.strategy.rawValue), -j \(runOptions.concurrency)")
        }
        var options = FetchOptions()
        options.maxTime = 10
        let configuration = runOptions.configuration(options: options)
        var session = RunSession(
            configuration: configuration, format: runOptions.outputFormat(default: .text), silent: runOptions.silent)
        session.fields = try runOptions.chosenFields()
        let status = try session.run(sources: [.lines(urls)])
        // The list fails on purpose; only a signal or lost records are a failure of the demo.
        if [23, 130, 143].contains(status) { throw ExitCode(status) }
    }
}
