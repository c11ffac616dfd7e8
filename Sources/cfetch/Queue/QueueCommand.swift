import ArgumentParser

/// `cfetch queue status|results`: watch a shared queue, collect its results.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Watch a shared Redis queue (status) and collect its results (results).",
        discussion: """
            Examples:
              cfetch queue status --queue redis://queue.internal
              watch -n 2 cfetch queue status --queue redis://queue.internal --queue-key crawl-42
              cfetch queue results --queue redis://queue.internal | jq -c 'select(.ok | not)'
            """,
        subcommands: [QueueStatusCommand.self, QueueResultsCommand.self]
    )
}
