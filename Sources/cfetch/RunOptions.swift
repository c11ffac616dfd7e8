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
        name: [.customShort("j"), .long], help: "Workers (tasks) fetching at once: never more transfers in flight.")
    var concurrency = 10

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output: text, jsonl or csv (default: text on a terminal, jsonl otherwise).", valueName: "format"))
    var format: OutputFormat?

    @Flag(name: [.customShort("s"), .long], help: "No progress bar and no summary line on stderr.")
    var silent = false

    @Option(
        name: .customLong("stack-size"),
        help: ArgumentHelp(
            "Each green worker's stack, e.g. 256K or 1M (only touched pages cost memory).", valueName: "size"))
    var stackSize: ByteSize = ByteSize(bytes: RunConfiguration.defaultGreenStackSize)

    static let maxConcurrency = 100_000

    func validate() throws {
        guard (1...Self.maxConcurrency).contains(concurrency) else {
            throw ValidationError("-j/--concurrency must be between 1 and \(Self.maxConcurrency)")
        }
        guard (ByteSize.minimumStack...ByteSize.maximumStack).contains(stackSize.bytes) else {
            throw ValidationError("--stack-size must be between 16K and 64M")
        }
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
