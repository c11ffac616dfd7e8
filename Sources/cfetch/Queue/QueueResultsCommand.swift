import ArgumentParser
import FetchKit
import FetchQueue

#if canImport(Glibc)
import Glibc
#endif

/// `cfetch queue results`: the queue's results stream as JSONL, one record per URL.
struct QueueResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Write a queue's results (KEY:results) to stdout as JSONL, one record per index.",
        discussion: """
            The workers settle every final record in KEY:results: ok ones, those that failed for good, and the poisoned ones. Delivery is at-least-once, so a URL whose worker died after writing its record but before settling it is fetched again, and the stream may hold two records for its index: this command keeps the last of them, in the order they were settled (--all writes every one). The records are cfetch's JSONL records, every field, with queue_id and consumer set. In Redis, each settle call of a worker is one entry of KEY:results: fields consumer, count, indexes and queue_ids (comma-separated, in order) and records (the JSON lines), for readers of the stream itself.

            Examples:
              cfetch queue results --queue redis://queue.internal > results.jsonl
              cfetch queue results --queue redis://queue.internal | jq -r 'select(.ok) | .url'
            """
    )

    @OptionGroup var queue: QueueOptions

    @Flag(help: "Every record in the results stream, repeats included.")
    var all = false

    func run() throws {
        queue.hidePasswordFromProcessList()
        let connection = try queue.connect(for: "queue results")
        defer { connection.close() }
        let reader = ResultsReader(connection: connection, keys: queue.keys)
        var output = StandardOutputLines()
        do {
            if all {
                try reader.allEntries { try output.write($0.record) }
            } else {
                try reader.deduplicated { try output.write($0.record) }
            }
            try output.flush()
        } catch let error as StandardOutputLines.Refused {
            // `| head`: the reader left; anything else is said.
            if error.errno == EPIPE { return }
            printError("cannot write results to stdout: \(error)")
            throw ExitCode(23)
        } catch {
            printError("cannot read the results: \(error)")
            throw ExitCode(1)
        }
    }
}
