import ArgumentParser
import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// How to run: which strategy, how many workers, what to print.
struct RunOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "How the workers are written: \(StrategyKind.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "name"))
    var strategy: StrategyKind = .callback

    @Option(
        name: [.customShort("j", allowingJoined: true), .long], parsing: .unconditional,
        help:
            "Workers (tasks) fetching at once: never more transfers in flight (1 to 100000; fewer, said once, when ulimit -n cannot hold them)."
    )
    var concurrency = 10

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output: text, jsonl or csv (default: text on a terminal, jsonl otherwise).", valueName: "format"))
    var format: OutputFormat?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The JSONL keys and CSV columns to write, in this order, comma-separated (default: all; the text "
                + "view is not changed).",
            valueName: "a,b,c"))
    var fields: String?

    @Flag(
        name: [.customShort("s"), .long],
        help: "No progress bar, summary line or signal notice on stderr (lost records are still reported).")
    var silent = false

    @Option(
        name: .customLong("stack-size"), parsing: .unconditional,
        help: ArgumentHelp(
            "Each green worker's stack, 16K to 64M, e.g. 256K or 1M (only touched pages cost memory).",
            valueName: "size"))
    var stackSize: ByteSize = ByteSize(bytes: RunConfiguration.defaultGreenStackSize)

    static let concurrencyRange = OptionRange.integer("-j/--concurrency", 1...100_000)
    static let stackSizeRange = OptionRange.size("--stack-size", ByteSize.minimumStack...ByteSize.maximumStack)

    func validate() throws {
        try Self.concurrencyRange.check(concurrency)
        try Self.stackSizeRange.check(stackSize)
        _ = try chosenFields()
    }

    /// The fields `--fields` names, in its order; every field without it.
    func chosenFields() throws(ValidationError) -> [RecordField] {
        guard let fields else { return RecordField.ordered }
        var chosen: [RecordField] = []
        for name in fields.split(separator: ",", omittingEmptySubsequences: false) {
            let name = name.trimmingBlanks
            guard let field = RecordField(rawValue: name) else {
                throw ValidationError(
                    "--fields: unknown field '\(name)'; the fields are \(RecordField.keys.joined(separator: ","))")
            }
            guard !chosen.contains(field) else { throw ValidationError("--fields: '\(name)' is given twice") }
            chosen.append(field)
        }
        return chosen
    }

    /// The run configuration these options describe, for the given transfer options.
    func configuration(options: FetchOptions) -> RunConfiguration {
        var configuration = RunConfiguration()
        configuration.strategy = strategy
        configuration.concurrency = concurrency
        configuration.greenStackSize = stackSize.bytes
        configuration.options = options
        return configuration
    }

    func outputFormat(default fallback: OutputFormat? = nil) -> OutputFormat {
        format ?? fallback ?? (isatty(1) == 1 ? .text : .jsonl)
    }
}
