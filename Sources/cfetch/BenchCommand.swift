import ArgumentParser
import FetchBench
import FetchKit
import FetchTestServer

#if canImport(Glibc)
import Glibc
#endif

/// `cfetch bench`: every chosen strategy on the same list, each run in a child process,
/// compared side by side.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Compare the strategies side by side on one list (a built-in offline workload if none).",
        discussion: """
            Each strategy runs in a child process (cfetch itself), so its CPU time, peak memory and threads are its own. The strategies take turns: --warmup rounds that are not counted, then --repeat rounds, each strategy once a round, so a machine whose load drifts treats them alike. The runs give medians (with min-max): wall time, requests/s, task latency percentiles, time queued and in transfer, CPU, peak RSS, threads and errors.

            The verdict respects noise: a strategy is slower than the one with the lowest median only when the difference holds (a one-sided Mann-Whitney test at p < 0.05, a 95% bootstrap interval of the median ratio above 1, and at least 2%), and the leader is marked fastest only when every other is slower; otherwise they are "tied within noise (±x%)". It takes 4 runs a strategy to tell them apart. A warning says when other processes used the CPUs during the runs, the hypervisor took time, or a strategy's wall times spread wide.

            --tools runs other programs (curl, wget2, aria2c, h2load) on the same list at the same -j, taking turns with the strategies: their wall time, CPU, RSS and errors (the URLs they did not fetch with a status below 400, by their own report) join the table, marked external. A tool that is not installed or cannot run the list is named and left out. --loops and --poller take comma lists here: each strategy but blocking gets a row per combination.

            The list: LIST files, or stdin (- or a pipe: cat urls.txt | cfetch bench), copied once to a temporary file every run re-reads and removed at the end. With no LIST and stdin a terminal or /dev/null, it starts the built-in server on 127.0.0.1 and generates a workload, fully offline.

            Ctrl-C (SIGINT) or SIGTERM stops after the run in progress, which is discarded, prints the table (or JSON, CSV) of the strategies measured with a line saying where it stopped ("incomplete: interrupted during green, run 2 of 3; callback, future measured"), writes --report and --trace for them, and exits 130 (143 for SIGTERM). A second signal quits at once. --report and --trace paths are checked before the first run. -o is refused: a benchmark discards the bodies.

            Examples:
              cfetch bench
              cfetch bench --workload latency --count 2000 -j 1000
              cfetch bench urls.txt --strategies callback,green -j 100 --repeat 5
              cfetch bench --format json | jq '.strategies[] | {strategy, wall_seconds}'
              cfetch bench --report bench.html --trace bench-trace.json
              cfetch bench urls.txt --tools curl,wget2 -j 100
              cfetch bench --strategies callback,green --loops 1,2 --poller epoll,poll
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Files with one URL per line; - is stdin (default: stdin when it is a pipe or a file, else a built-in "
                + "workload).",
            valueName: "LIST"))
    var lists: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Strategies to compare: all, or a comma-separated list.", valueName: "names"))
    var strategies = "all"

    @Option(
        name: [.customShort("j", allowingJoined: true), .long], parsing: .unconditional,
        help: "Workers (tasks) per run (1 to 100000).")
    var concurrency = 50

    @Option(
        name: .customLong("repeat"), parsing: .unconditional,
        help: "Counted runs per strategy (1 to 100; 4 or more for a verdict).")
    var repeats = 5

    @Option(
        name: .long, parsing: .unconditional, help: "Uncounted runs per strategy before the counted ones (0 to 100).")
    var warmup = 1

    @Option(
        name: .long,
        help: ArgumentHelp(
            "text (the table), json (one document), jsonl (one line per strategy) or csv; text, jsonl and csv "
                + "as in cfetch fetch. 'table' is still taken for text.",
            valueName: "format"))
    var format: BenchOutputFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp("Built-in workload without a LIST: latency, throughput or mixed.", valueName: "kind"))
    var workload: BenchWorkload = .mixed

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Other tools to run on the same list at the same -j, as rows of the table: "
                + ExternalTool.allCases.map(\.rawValue).joined(separator: ", ")
                + ", or all (those installed; a line names each that is not).",
            valueName: "names"))
    var tools: String?

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
    @OptionGroup(title: "Politeness") var politeness: PolitenessOptions
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup(title: "Engine") var engine: BenchEngineOptions

    func validate() throws {
        _ = try chosenStrategies()
        _ = try chosenTools()
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
        // Before the server starts and before any run: a bad path found at the end would
        // throw the whole benchmark away.
        try BenchPlan.checkArtifactPaths(report: report, trace: trace)
        let (list, description, server) = try prepareList()
        defer { try? server?.shutdown() }
        let engineArguments = try engine.childArguments()
        var plan = BenchPlan(
            list: list, workload: description, strategies: strategies, concurrency: concurrency, repeats: repeats,
            warmup: warmup,
            fetchArguments: transfer.childArguments + politeness.childArguments + connection.childArguments
                + engineArguments,
            reportPath: report, tracePath: trace)
        plan.loops = try engine.loopValues()
        plan.pollers = try engine.pollerValues()
        plan.tools = try chosenTools()
        plan.toolOptions = ExternalToolOptions(insecure: transfer.insecure, followRedirects: transfer.followRedirects)
        var progress = BenchProgress(enabled: !silent, total: plan.runCount)
        let cancellation = BenchCancellation()
        // The first signal stops the benchmark after the child run in progress (which gets
        // the signal too); the second passes it on, removes the temporary list and quits.
        InterruptHandler.install(
            onFirst: { [silent] signal in
                cancellation.cancel(signal: signal.number)
                if !silent { Self.noticeStopping(signal.number) }
            },
            beforeQuitting: { signal in cancellation.abandon(signal: signal.number) })
        let comparison = try Benchmark(plan: plan).run(cancellation: cancellation) { event in
            switch event {
            case .planned(let runs, let leftOut):
                progress.plan(runs)
                for line in leftOut { printError("not run: \(line)") }
            case .runStarting(let step): progress.show(step.description)
            case .runsFinished: progress.finish()
            }
        }
        print(try formatted(comparison), terminator: "")
        guard let signal = cancellation.signal else { return }
        // The table and JSON say it themselves; CSV has no place for it.
        if format == .csv, let incomplete = comparison.incomplete { printError("incomplete: \(incomplete)") }
        throw ExitCode(128 + signal)
    }

    private func formatted(_ comparison: BenchComparison) throws -> String {
        switch format {
        case .text: BenchTable.render(comparison, bold: Self.useBold)
        case .json: try comparison.json()
        case .jsonl: try comparison.jsonLines()
        case .csv: BenchTable.csv(comparison)
        }
    }

    private func chosenStrategies() throws -> [StrategyKind] {
        if strategies == "all" { return StrategyKind.allCases }
        var kinds: [StrategyKind] = []
        for name in strategies.split(separator: ",").map({ $0.trimmingBlanks }) {
            guard let kind = StrategyKind(rawValue: name) else {
                let known = StrategyKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown strategy '\(name)' (known: \(known), or all)")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        guard !kinds.isEmpty else { throw ValidationError("--strategies needs at least one name") }
        return kinds
    }

    private func chosenTools() throws -> [ExternalTool] {
        guard let tools else { return [] }
        if tools == "all" { return ExternalTool.allCases }
        var chosen: [ExternalTool] = []
        for name in tools.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingBlanks }) {
            guard let tool = ExternalTool(rawValue: name) else {
                let known = ExternalTool.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown tool '\(name)' for --tools (known: \(known), or all)")
            }
            if !chosen.contains(tool) { chosen.append(tool) }
        }
        return chosen
    }

    /// The list, what it is, and the built-in server serving it when no LIST was given
    /// and stdin is not a list either.
    private func prepareList() throws -> (BenchList, String, TestServer?) {
        let lists = lists.isEmpty && Self.standardInputIsAList ? ["-"] : lists
        if !lists.isEmpty {
            for path in lists where path != "-" { _ = try InputSource.file(path) }
            let names = lists.map { $0 == "-" ? "stdin" : $0 }
            return (.files(lists), names.joined(separator: ", "), nil)
        }
        let server = try BuiltInServer.start()
        let count = count ?? workload.defaultCount
        let urls = workload.urls(baseURL: server.baseURL, count: count, delay: delay, size: size, seed: 1)
        return (.generated(urls), workload.describe(count: count, delay: delay, size: size), server)
    }

    /// `cat list | cfetch bench`, `cfetch bench < list`: stdin is a pipe, a socket or a
    /// file. A terminal or /dev/null (a character device) is not: then the built-in
    /// workload runs, as it does from a script or CI.
    private static var standardInputIsAList: Bool {
        var status = stat()
        guard fstat(STDIN_FILENO, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFREG || type == S_IFSOCK
    }

    /// "bench interrupted: …" on a line of its own (over the progress line on a terminal).
    private static func noticeStopping(_ number: Int32) {
        if isatty(2) == 1 {
            var erase = "\r\u{1B}[K"
            erase.withUTF8 { _ = writeFully(2, UnsafeRawBufferPointer($0)) }
        }
        let (what, again) = number == SIGTERM ? ("terminated (SIGTERM)", "SIGTERM") : ("interrupted", "Ctrl-C")
        printError("bench \(what): stopping after the run in progress, discarding it (\(again) again to quit at once)")
    }

    /// Bold the fastest row only on a terminal, and never with NO_COLOR set.
    private static var useBold: Bool {
        isatty(1) == 1 && getenv("NO_COLOR") == nil
    }
}

/// `--format` of `cfetch bench`: the names `cfetch fetch` uses (text, jsonl, csv) for the
/// same kinds of output, and json for the whole comparison as one document.
enum BenchOutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, jsonl, csv

    /// `table`, the name before the formats agreed with `cfetch fetch`'s, is still taken.
    init?(argument: String) {
        self.init(rawValue: argument == "table" ? "text" : argument)
    }
}
