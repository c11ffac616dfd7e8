import FetchKit

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `cfetch bench`'s work: every strategy of a `BenchPlan` on the same list, each run in a
/// child process (`cfetch fetch`, see `BenchChild`), compared side by side. Warm-up runs
/// come first and are not counted. Each strategy's median-wall run is the one its
/// report section and trace show.
///
/// A generated list is written to a temporary file for the children, which re-read it on
/// every run, and is removed when the benchmark ends, however it ends.
public struct Benchmark: Sendable {
    public let plan: BenchPlan
    /// The cfetch binary each child run starts.
    public let executable: String
    /// Where a generated list is written.
    public let temporaryDirectory: String

    /// - Parameters:
    ///   - plan: at least one strategy and one counted run.
    ///   - executable: the cfetch binary to run as the children; by default this
    ///     process's own.
    ///   - temporaryDirectory: where to write a generated list; by default the
    ///     system's (`TMPDIR`).
    public init(
        plan: BenchPlan, executable: String? = nil, temporaryDirectory: String? = nil
    ) throws(SystemCallError) {
        precondition(!plan.strategies.isEmpty, "a benchmark needs at least one strategy")
        precondition(plan.repeats >= 1, "a benchmark needs at least one counted run per strategy")
        self.plan = plan
        if let executable {
            self.executable = executable
        } else {
            self.executable = try Self.ownExecutable()
        }
        self.temporaryDirectory = temporaryDirectory ?? FileManager.default.temporaryDirectory.path
    }

    /// Runs the plan, then writes its report and trace if the plan asks for them. The
    /// rows take turns (`BenchSchedule`): the strategies, then the other tools that are
    /// installed and can run the list. The machine's activity is read before and after,
    /// so the comparison can say when other work shared the CPUs.
    ///
    /// A stop request (`cancellation`) ends it after the child run in progress, which is
    /// discarded: the comparison holds the counted runs that finished, says where it
    /// stopped (`incomplete`), and the report and trace show those strategies.
    ///
    /// - Parameter progress: told, on the calling thread, of the runs planned, of each
    ///   child run as it starts and of the end of the last one.
    /// - Throws: `UsageError` before any run when the report or trace cannot be written.
    public func run(
        cancellation: BenchCancellation = BenchCancellation(), progress: (BenchEvent) -> Void = { _ in }
    ) throws -> BenchComparison {
        try plan.checkArtifactPaths()
        return try withListArguments(cancellation) { listArguments in
            var toolFiles: [TemporaryListFile] = []
            defer { for file in toolFiles { file.remove() } }
            let (tools, leftOut) = try prepareTools(listArguments, files: &toolFiles, cancellation)
            let contenders = plan.strategyContenders + tools.map { .tool($0.invocation.tool) }
            let steps = BenchSchedule.steps(plan, contenders: contenders)
            progress(.planned(runs: steps.count, leftOut: leftOut))
            let child = BenchChild(
                executable: executable,
                arguments: ["fetch", "-j", String(plan.concurrency)] + plan.fetchArguments + listArguments,
                cancellation: cancellation)
            let before = MachineActivity.now()
            var samples: [BenchContender: [BenchSample]] = [:]
            var stoppedAt: BenchStep?
            for step in steps {
                guard cancellation.signal == nil else {
                    stoppedAt = step
                    break
                }
                progress(.runStarting(step))
                let repetition = step.isWarmup ? -1 : step.number - 1
                let sample: BenchSample
                if let tool = step.contender.tool, let runner = tools.first(where: { $0.invocation.tool == tool }) {
                    sample = try runner.run(repetition: repetition)
                } else {
                    sample = try child.run(step.contender, repetition: repetition)
                }
                // Interrupted part-way: its records and times are not a measurement.
                guard cancellation.signal == nil else {
                    stoppedAt = step
                    break
                }
                if !step.isWarmup { samples[step.contender, default: []].append(sample) }
            }
            progress(.runsFinished)
            let load = MachineActivity.now().since(before)
            let measured = contenders.compactMap { contender in
                samples[contender].map { StrategyRuns(contender: contender, samples: $0) }
            }
            let comparison = BenchComparison(
                workload: plan.workload, concurrency: plan.concurrency, repeats: plan.repeats,
                strategies: measured.map { StrategySummary(samples: $0.samples) },
                incomplete: stoppedAt.map { Self.incomplete(stoppedAt: $0, measured: measured) }, machine: load,
                toolsLeftOut: leftOut)
            try writeArtifacts(comparison, runs: measured.filter { !$0.contender.isExternal })
            return comparison
        }
    }

    /// The plan's tools that are installed and can run this list, their input written;
    /// and a line for each of the others, saying why it is left out.
    private func prepareTools(
        _ listArguments: [String], files: inout [TemporaryListFile], _ cancellation: BenchCancellation
    ) throws -> ([ToolChild], [String]) {
        guard !plan.tools.isEmpty else { return ([], []) }
        let list = try ToolList(paths: listArguments)
        var children: [ToolChild] = []
        var leftOut: [String] = []
        for tool in plan.tools {
            guard let path = tool.locate() else {
                leftOut.append("\(tool.rawValue): not installed (apt-get install \(tool.package))")
                continue
            }
            if let refusal = ToolInvocation.refusal(tool, list: list) {
                leftOut.append("\(tool.rawValue): \(refusal)")
                continue
            }
            let invocation = try ToolInvocation(
                tool: tool, executable: path, list: list, concurrency: plan.concurrency, options: plan.toolOptions,
                directory: temporaryDirectory, files: &files, cancellation: cancellation)
            children.append(ToolChild(invocation: invocation, cancellation: cancellation))
        }
        return (children, leftOut)
    }

    /// "interrupted during green, run 2 of 3; measured: callback (2 runs), future (1 run)".
    static func incomplete(stoppedAt step: BenchStep, measured: [StrategyRuns]) -> String {
        let names = measured.map {
            "\($0.contender.name) (\($0.samples.count) run\($0.samples.count == 1 ? "" : "s"))"
        }
        return "interrupted during \(step.contender.name), \(step.isWarmup ? "warm-up" : "run") \(step.number)"
            + " of \(step.total); "
            + (measured.isEmpty ? "no strategy measured" : "measured: " + names.joined(separator: ", "))
    }

    /// Runs `body` with the list as the children's arguments: the LIST files (stdin, `-`,
    /// copied to a temporary file), or a generated list's temporary file; temporary files
    /// are removed when `body` ends.
    private func withListArguments<T>(
        _ cancellation: BenchCancellation, _ body: ([String]) throws -> T
    ) throws -> T {
        switch plan.list {
        case .files(let paths) where paths.contains("-"):
            let copy = try TemporaryListFile(copyingStandardInputTo: temporaryDirectory, cancellation: cancellation)
            defer { copy.remove() }
            return try body(paths.map { $0 == "-" ? copy.path : $0 })
        case .files(let paths):
            return try body(paths)
        case .generated(let urls):
            let file = try TemporaryListFile(urls: urls, directory: temporaryDirectory, cancellation: cancellation)
            defer { file.remove() }
            return try body([file.path])
        }
    }
}
