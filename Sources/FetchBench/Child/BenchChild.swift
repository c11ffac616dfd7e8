import FetchKit

/// Runs one benchmark sample of a cfetch strategy in a child process — cfetch itself,
/// fetching with one strategy and writing JSONL to a pipe — so its CPU time, peak memory
/// and threads are its own.
public struct BenchChild: Sendable {
    /// The cfetch binary to run (this one).
    public let executable: String
    /// Arguments before the strategy's: `fetch`, `-j N`, the list, curl options.
    public let arguments: [String]

    /// Told of each child's pid, so that a stop request reaches the child in progress.
    public let cancellation: BenchCancellation?

    public init(executable: String, arguments: [String], cancellation: BenchCancellation? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.cancellation = cancellation
    }

    /// Runs `strategy` once and collects its records and resource use.
    public func run(_ strategy: StrategyKind, repetition: Int) throws -> BenchSample {
        try run(.strategy(strategy), repetition: repetition)
    }

    /// Runs a strategy row (with the engine settings it sweeps) once.
    public func run(_ contender: BenchContender, repetition: Int) throws -> BenchSample {
        guard let strategy = contender.strategy else { preconditionFailure("\(contender) is not a cfetch strategy") }
        let argv =
            [executable] + arguments + contender.fetchArguments
            + ["--strategy", strategy.rawValue, "--format", "jsonl", "-s"]
        var records: [FetchRecord] = []
        let process = try MeasuredProcess.run(argv, cancellation: cancellation) { records = readRecords(from: $0) }
        return process.sample(contender, repetition: repetition, records: records)
    }

    /// Reads JSONL until the child closes its stdout; a failed read ends the records there.
    private func readRecords(from fd: Int32) -> [FetchRecord] {
        // No length limit: a record is as long as its URL and curl's message make it.
        var reader = LineReader(fd: fd, maxLineLength: .max)
        var records: [FetchRecord] = []
        while case .text(let line)? = try? reader.next() {
            if let record = FetchRecord(jsonLine: line) { records.append(record) }
        }
        return records
    }
}
