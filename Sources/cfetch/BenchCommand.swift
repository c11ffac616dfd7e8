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

    @Option(name: [.customShort("j"), .long], help: "Workers (tasks) per run.")
    var concurrency = 50

    @Option(name: .customLong("repeat"), help: "Counted runs per strategy.")
    var repeats = 3

    @Option(name: .long, help: "Uncounted runs per strategy before the counted ones.")
    var warmup = 1

    @Option(name: .long, help: ArgumentHelp("table, json or csv.", valueName: "format"))
    var format: BenchOutputFormat = .table

    @Option(
        name: .long,
        help: ArgumentHelp("Built-in workload without a LIST: latency, throughput or mixed.", valueName: "kind"))
    var workload: BenchWorkload = .mixed

    @Option(name: .long, help: "URLs in the built-in workload (default: 2000, 10000 for throughput).")
    var count: Int?

    @Option(name: .long, help: ArgumentHelp("Server hold time for the built-in workload.", valueName: "ms"))
    var delay = 100

    @Option(name: .long, help: ArgumentHelp("Body size for the built-in workload.", valueName: "bytes"))
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
        guard (1...RunOptions.maxConcurrency).contains(concurrency) else {
            throw ValidationError("-j/--concurrency must be between 1 and \(RunOptions.maxConcurrency)")
        }
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard warmup >= 0 else { throw ValidationError("--warmup must be 0 or more") }
        if let count, !(1...1_000_000).contains(count) {
            throw ValidationError("--count must be between 1 and 1000000")
        }
        guard (0...600_000).contains(delay) else { throw ValidationError("--delay must be between 0 and 600000 ms") }
        guard (0...1 << 30).contains(size) else { throw ValidationError("--size must be between 0 and 1G bytes") }
    }

    func run() throws {
        let comparison = try runBenchmark()
        print(comparison, terminator: "")
    }

    private func runBenchmark() throws -> String {
        let kinds = try chosenStrategies()
        let (listArguments, description, server) = try prepareList()
        defer { try? server?.shutdown() }
        let child = BenchChild(
            executable: try Self.ownExecutable(),
            arguments: ["fetch", "-j", String(concurrency)] + transfer.childArguments + listArguments)
        var progress = BenchProgress(enabled: !silent, total: kinds.count * (warmup + repeats))
        var samplesByStrategy: [(StrategyKind, [BenchSample])] = []
        for kind in kinds {
            for round in 0..<warmup {
                progress.show("\(kind.rawValue): warm-up \(round + 1)/\(warmup)")
                _ = try child.run(kind, repetition: -1)
            }
            var samples: [BenchSample] = []
            for repetition in 0..<repeats {
                progress.show("\(kind.rawValue): run \(repetition + 1)/\(repeats)")
                samples.append(try child.run(kind, repetition: repetition))
            }
            samplesByStrategy.append((kind, samples))
        }
        progress.finish()
        let comparison = BenchComparison(
            workload: description, concurrency: concurrency, repeats: repeats,
            strategies: samplesByStrategy.map { StrategySummary(samples: $0.1) })
        try writeArtifacts(comparison, samples: samplesByStrategy)
        switch format {
        case .table: return BenchTable.render(comparison, bold: Self.useBold)
        case .json: return try comparison.json()
        case .csv: return BenchTable.csv(comparison)
        }
    }

    /// Writes `--report` and `--trace` from each strategy's median-wall run.
    private func writeArtifacts(_ comparison: BenchComparison, samples: [(StrategyKind, [BenchSample])]) throws {
        let representative = samples.map { kind, runs in
            runs.sorted { $0.wall < $1.wall }[runs.count / 2]
        }
        if let trace {
            let writer = try ChromeTraceWriter(path: trace)
            for (process, sample) in representative.enumerated() {
                writer.addProcess(id: process + 1, name: sample.strategy.rawValue)
                for record in sample.records { writer.add(record, process: process + 1) }
            }
            try writer.finish()
        }
        if let report {
            let html = BenchHTMLReport.render(comparison: comparison, samples: representative)
            try writeFile(report, html)
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

    /// The list arguments for the children, a description, and the built-in server if
    /// one was started.
    private func prepareList() throws -> ([String], String, TestServer?) {
        if !lists.isEmpty {
            for path in lists where path != "-" { _ = try InputSource.file(path) }
            guard !lists.contains("-") else {
                throw UsageError("bench needs LIST files: each run re-reads the list, so stdin cannot be one")
            }
            return (lists, lists.joined(separator: ", "), nil)
        }
        let server = try BuiltInServer.start()
        let count = count ?? workload.defaultCount
        let urls = workload.urls(baseURL: server.baseURL, count: count, delay: delay, size: size, seed: 1)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("cfetch-bench-\(getpid()).txt").path
        do {
            try writeFile(path, urls.joined(separator: "\n") + "\n")
        } catch {
            try? server.shutdown()
            throw error
        }
        return ([path], workload.describe(count: count, delay: delay, size: size), server)
    }

    /// This binary, which runs each sample as `cfetch fetch`.
    private static func ownExecutable() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else {
            throw SystemCallError(
                call: "readlink", errno: errno, context: "cannot find the cfetch binary to run (/proc/self/exe)")
        }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
