import ArgumentParser
import FetchKit

/// Every option of `cfetch fetch`, apart from its URL and LIST arguments: one type, so the
/// completion scripts can offer them at the top level too (`CompletionRoot`), where the
/// parser takes them for the default command.
struct FetchCommandOptions: ParsableArguments {
    @OptionGroup var runOptions: RunOptions
    @OptionGroup(title: "Input and resume") var input: InputOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup var transfer: TransferOptions
    @OptionGroup(title: "Politeness") var politeness: PolitenessOptions
    @OptionGroup(title: "Request") var request: RequestOptions
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup(title: "Engine") var engine: EngineOptions
    @OptionGroup(title: "Queue mode (many workers share one Redis stream)") var queueWorker: QueueWorkerOptions

    @Flag(name: .customLong("list-strategies"), help: "Print the strategy names, one per line, and exit.")
    var listStrategies = false

    @Option(
        name: .long,
        help: ArgumentHelp("Also write a Chrome trace (Perfetto) of every transfer.", valueName: "file.json"))
    var trace: String?

    /// What the run is asked to do, from every group. Throws when a body or cookie file
    /// cannot be read (they are read once, here).
    func configuration() throws -> RunConfiguration {
        var options = transfer.fetchOptions
        options.politeness = politeness.politeness
        options.request = try request.httpRequestOptions()
        options.connection = connection.settings
        var configuration = runOptions.configuration(options: options)
        configuration.inputFormat = input.inputFormat
        configuration.keepOrder = output.keepOrder
        configuration.failEarly = output.failEarly
        configuration.engine = engine.settings
        return configuration
    }

    func validate() throws {
        try output.check(against: runOptions)
        guard queueWorker.queue.url != nil else { return }
        // The queue gives each URL its index and its format, and settles every record.
        let refused = [
            input.shard != nil ? "--shard" : nil, !input.skipDone.isEmpty ? "--skip-done" : nil,
            input.inputFormat != .lines ? "--input-format" : nil, output.keepOrder ? "--keep-order" : nil,
        ].compactMap { $0 }
        if let first = refused.first {
            throw ValidationError(
                "\(first) does not go with --queue: the queue hands out the URLs (enqueue with --input-format jsonl "
                    + "for requests; the stream already shares the work, and keeps no order)")
        }
    }
}
