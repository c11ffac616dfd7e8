import ArgumentParser
import FetchBench
import FetchKit
import FetchTestServer
import Foundation

/// `cfetch bench`: every chosen strategy on the same list, each run in a child process,
/// compared side by side.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Compare the strategies side by side on one list (a built-in offline workload if none).",
        discussion: """
            Each strategy runs in a child process (cfetch itself), so its CPU time, peak memory and threads are its own. After --warmup runs that are not counted, --repeat runs per strategy give medians (with min-max): wall time, requests/s, task latency percentiles, time queued and in transfer, CPU, peak RSS, threads and errors. The fastest strategy is marked, the others get their ratio to it.

            With no LIST it starts the built-in server on 127.0.0.1 and generates a workload, fully offline.

            Examples:
              cfetch bench
              cfetch bench --workload latency --count 2000 -j 1000
              cfetch bench urls.txt --strategies callback,green -j 100 --repeat 5
              cfetch bench --format json | jq '.strategies[] | {strategy, wall_seconds}'
              cfetch bench --report bench.html --trace bench-trace.json
            """
    )

    @Argument(help: ArgumentHelp("Files with one URL per line (default: a built-in workload).", valueName: "LIST"))
    var lists: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Strategies to compare: all, or a comma-separated list.", valueName: "names"))
    var strategies = "all"

    @Option(
        name: [.customShort("j", allowingJoined: true), .long], parsing: .unconditional,
        help: "Workers (tasks) per run (1 to 100000).")
    var concurrency = 50

    @Option(name: .customLong("repeat"), parsing: .unconditional, help: "Counted runs per strategy (1 to 100).")
    var repeats = 3

    @Option(
        name: .long, parsing: .unconditional, help: "Uncounted runs per strategy before the counted ones (0 to 100).")
    var warmup = 1

    @Option(name: .long, help: ArgumentHelp("table, json or csv.", valueName: "format"))
    var format: BenchOutputFormat = .table

    @Option(
        name: .long,
        help: ArgumentHelp("Built-in workload without a LIST: latency, throughput or mixed.", valueName: "kind"))
    var workload: BenchWorkload = .mixed

    @Option(
        name: .long, parsing: .unconditional,
        help: "URLs in the built-in workload, 1 to 1000000 (default: 2000, 10000 for throughput).")
    var count: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Server hold time for the built-in workload (0 to 600000).", valueName: "ms"))
    var delay = 100

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Body size for the built-in workload (0 to 1073741824).", valueName: "bytes"))
    var size = 1024

    @Option(
        name: .long,
        help: ArgumentHelp("Also write a self-contained HTML report with timelines.", valueName: "file.html"))
    var report: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Also write a Chrome trace (Perfetto) of every transfer.", valueName: "file.json"))
    var trace: String?

    @Flag(name: [.customShort("s"), .long], help: "No progress on stderr.")
    var silent = false

    @OptionGroup var transfer: TransferOptions

    func validate() throws {
        _ = try chosenStrategies()
        try RunOptions.concurrencyRange.check(concurrency)
        try Self.repeatsRange.check(repeats)
        try Self.warmupRange.check(warmup)
        try Self.countRange.check(count)
        try Self.delayRange.check(delay)
        try Self.sizeRange.check(size)
        if transfer.outputDirectory != nil {
            throw ValidationError("-o/--output-dir cannot be used with bench: a benchmark discards the bodies")
        }
    }

    static let repeatsRange = OptionRange.integer("--repeat", 1...100)
    static let warmupRange = OptionRange.integer("--warmup", 0...100)
    static let countRange = OptionRange.integer("--count", 1...1_000_000)
    static let delayRange = OptionRange.integer("--delay", 0...600_000, unit: "ms")
    static let sizeRange = OptionRange.integer("--size", 0...1 << 30, unit: "bytes")

    func run() throws {
        let strategies = try chosenStrategies()
        let (list, description, server) = try prepareList()
        defer { try? server?.shutdown() }
        let plan = BenchPlan(
            list: list, workload: description, strategies: strategies, concurrency: concurrency, repeats: repeats,
            warmup: warmup, fetchArguments: transfer.childArguments, reportPath: report, tracePath: trace)
        var progress = BenchProgress(enabled: !silent, total: plan.runCount)
        let comparison = try Benchmark(plan: plan).run { event in
            switch event {
            case .runStarting(let step): progress.show(step.description)
            case .runsFinished: progress.finish()
            }
        }
        print(try formatted(comparison), terminator: "")
    }

    private func formatted(_ comparison: BenchComparison) throws -> String {
        switch format {
        case .table: BenchTable.render(comparison, bold: Self.useBold)
        case .json: try comparison.json()
        case .csv: BenchTable.csv(comparison)
        }
    }

    private func chosenStrategies() throws -> [StrategyKind] {
        if strategies == "all" { return StrategyKind.allCases }
        var kinds: [StrategyKind] = []
        for name in strategies.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let kind = StrategyKind(rawValue: name) else {
                let known = StrategyKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown strategy '\(name)' (known: \(known), or all)")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        guard !kinds.isEmpty else { throw ValidationError("--strategies needs at least one name") }
        return kinds
    }

    /// The list, what it is, and the built-in server serving it when no LIST was given.
    private func prepareList() throws -> (BenchList, String, TestServer?) {
        if !lists.isEmpty {
            for path in lists where path != "-" { _ = try InputSource.file(path) }
            guard !lists.contains("-") else {
                throw UsageError("bench needs LIST files: each run re-reads the list, so stdin cannot be one")
            }
            return (.files(lists), lists.joined(separator: ", "), nil)
        }
        let server = try BuiltInServer.start()
        let count = count ?? workload.defaultCount
        let urls = workload.urls(baseURL: server.baseURL, count: count, delay: delay, size: size, seed: 1)
        return (.generated(urls), workload.describe(count: count, delay: delay, size: size), server)
    }

    /// Bold the fastest row only on a terminal, and never with NO_COLOR set.
    private static var useBold: Bool {
        isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}

/// `--format` of `cfetch bench`.
enum BenchOutputFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json, csv
}
