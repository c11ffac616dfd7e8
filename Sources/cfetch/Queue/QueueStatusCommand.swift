import ArgumentParser
import FetchKit
import FetchQueue

/// `cfetch queue status`: how far a shared queue has got, and who is working on it.
struct QueueStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a queue's entries waiting, pending per worker, done, retried and dead.",
        discussion: """
            waiting: entries no worker has claimed yet (re-added retries among them). pending: claimed by a worker and not yet settled; per worker with how long since it last claimed or settled anything (a worker idle for longer than --claim-idle is taken to be gone, and its entries are claimed by the others). done: records settled in KEY:results (a URL fetched twice under at-least-once delivery counts twice). retried: deliveries that failed transiently and were re-added. dead: entries delivered more than --max-deliveries times, in KEY:dead.

            --format json prints one object with the same numbers, for scripts.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var queue: QueueOptions

    @Option(help: ArgumentHelp("text (default) or json.", valueName: "format"))
    var format = Format.text

    func run() throws {
        queue.hidePasswordFromProcessList()
        let connection = try queue.connect(for: "queue status")
        defer { connection.close() }
        let url = connection.url
        let status: QueueStatus
        do {
            status = try QueueStatus.read(connection: connection, keys: queue.keys)
        } catch {
            throw UsageError("cannot read the queue: \(error)")
        }
        switch format {
        case .text: print(QueueStatusText.text(status, url: url, key: queue.key), terminator: "")
        case .json: print(QueueStatusText.json(status, url: url, key: queue.key))
        }
    }
}
