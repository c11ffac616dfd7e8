import ArgumentParser
import FetchKit

/// How LIST files are read, which lines an earlier run already finished, and which are
/// this shard's.
struct InputOptions: ParsableArguments {
    @Option(
        name: .customLong("input-format"),
        help: ArgumentHelp(
            "How LIST files and stdin are read: lines (one URL per line) or jsonl (one request per line: "
                + #"{"url": …, "method": …, "headers": {…}, "body": …, "id": …}, only url required; "#
                + "the id is copied into the record). URL arguments are always URLs.",
            valueName: "lines|jsonl"))
    var inputFormat = InputFormat.lines

    @Option(
        name: .customLong("skip-done"),
        help: ArgumentHelp(
            "Skip every input line whose URL (and id, with jsonl input) has an ok record in FILE, an earlier jsonl or "
                + "csv output of cfetch; repeat for more files. Skipped lines get no record and keep their index.",
            valueName: "FILE"))
    var skipDone: [String] = []

    @Flag(
        name: .customLong("skip-done-errors"),
        help: "With --skip-done, also skip lines whose record failed for good (any error but cancelled).")
    var skipDoneErrors = false

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Fetch only the input lines whose index is K modulo N (0 <= K < N <= 1000000), for N processes sharing "
                + "one list (GNU parallel, Kubernetes indexed jobs, Slurm arrays): together they fetch each line "
                + "once. Other lines get no record and keep their index.",
            valueName: "K/N"))
    var shard: String?

    func validate() throws {
        if skipDoneErrors && skipDone.isEmpty {
            throw ValidationError("--skip-done-errors needs --skip-done FILE")
        }
        _ = try inputShard()
    }

    /// `--shard K/N`; nil without it.
    func inputShard() throws(ValidationError) -> InputShard? {
        guard let shard else { return nil }
        guard let parsed = InputShard(shard) else {
            throw ValidationError(
                "--shard takes K/N, whole numbers with 0 <= K < N <= \(InputShard.maxCount) (such as 0/3): '\(shard)'")
        }
        return parsed
    }

    /// The lines the `--skip-done` files finished, read before the run starts (so `>>` to
    /// the same file appends only after it was read); nil without the option.
    func doneSet() throws -> DoneSet? {
        guard !skipDone.isEmpty else { return nil }
        let (done, warning) = try DoneFileReader.read(paths: skipDone, includingErrors: skipDoneErrors)
        if let warning { printError("warning: \(warning)") }
        return done
    }
}
