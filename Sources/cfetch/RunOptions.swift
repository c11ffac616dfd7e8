import ArgumentParser
import FetchKit
#if canImport(Glibc)
import Glibc
#endif

/// How to run: which strategy, how many workers, what to print.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("How the workers are written: \(StrategyKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var strategy: StrategyKind = .callback

    @Option(name: [.customShort("j"), .long], help: "Workers (tasks) fetching at once: never more transfers in flight.")
    var concurrency = 10

    @Option(name: .long, help: ArgumentHelp("Output: text, jsonl or csv (default: text on a terminal, jsonl otherwise).", valueName: "format"))
    var format: OutputFormat?

    @Flag(name: [.customShort("s"), .long], help: "No progress bar and no summary line on stderr.")
    var silent = false

    static let maxConcurrency = 100_000

    func validate() throws {
        guard (1...Self.maxConcurrency).contains(concurrency) else {
            throw ValidationError("-j/--concurrency must be between 1 and \(Self.maxConcurrency)")
        }
    }

    func outputFormat(default fallback: OutputFormat? = nil) -> OutputFormat {
        format ?? fallback ?? (isatty(1) == 1 ? .text : .jsonl)
    }
}
