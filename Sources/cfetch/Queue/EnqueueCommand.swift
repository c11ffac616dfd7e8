import ArgumentParser
import FetchKit
import FetchQueue

#if canImport(Glibc)
import Glibc
#endif

/// `cfetch enqueue`: put lists on a shared Redis stream, for `cfetch fetch --queue`
/// workers on any number of machines.
struct EnqueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract:
            "Put URLs (arguments, LIST files or stdin) on a shared Redis stream for cfetch fetch --queue workers.",
        discussion: """
            Examples:
              cfetch enqueue --queue redis://queue.internal:6379 urls.txt
              cfetch enqueue --queue redis://:secret@10.0.0.5/2 --queue-key crawl-42 part-*.txt
              cfetch enqueue --queue redis://localhost --input-format jsonl requests.jsonl
              zcat urls.txt.gz | cfetch enqueue --queue redis://localhost -

            Each URL line becomes one stream entry with its index: the queue's indexes count on from what earlier enqueues of the same queue handed out, so the first enqueue on an empty queue keeps the lines' own indexes (0, 1, 2, …) and a second one goes on after them. Lines are read lazily and sent in pipelined batches of \(Self.batchSize), so a list of any length takes flat memory.

            A URL already enqueued on this queue (any earlier enqueue included) is skipped and counted, unless --allow-duplicates; with --input-format jsonl, a line's URL and id are compared, as --skip-done compares them. Running the same enqueue again after it stopped part way therefore adds only what is missing. The digests of the URLs seen are kept in the set KEY:seen (about 100 bytes of Redis memory per URL).

            A line longer than 64 KiB is not enqueued and is counted in a warning. The summary line on stderr says how many URLs were added and skipped. Exit status: 0 done, 1 a file could not be read to its end or the server went away part way (what was added before stays; the line says how far it got), 2 usage error or the server cannot be reached.
            """
    )

    /// Lines per script call; several calls go out in one pipelined round trip.
    static let batchSize = 1_000
    static let batchesPerRoundTrip = 4

    @OptionGroup var queue: QueueOptions

    @Option(
        name: .customLong("input-format"),
        help: ArgumentHelp(
            "How LIST files and stdin are read: lines (one URL per line) or jsonl (one request object per line, "
                + "as cfetch fetch --input-format jsonl takes them). URL arguments are always URLs.",
            valueName: "lines|jsonl"))
    var inputFormat = InputFormat.lines

    @Flag(
        name: .customLong("allow-duplicates"),
        help: "Enqueue every line, even a URL the queue has seen before.")
    var allowDuplicates = false

    @Flag(name: [.customShort("s"), .long], help: "No summary line on stderr (errors and warnings are still said).")
    var silent = false

    @Argument(
        help: ArgumentHelp(
            "http(s) URLs, and files with one URL per line; - is stdin (the default when no argument is given and "
                + "stdin is not a terminal).",
            valueName: "URL|LIST"))
    var lists: [String] = []

    func run() throws {
        queue.hidePasswordFromProcessList()
        _ = try queue.requiredURL(for: "enqueue")
        let sources = try ListArguments.sources(lists)
        let connection = try queue.connect(for: "enqueue")
        defer { connection.close() }
        let url = connection.url
        let enqueuer = StreamEnqueuer(connection: connection, keys: queue.keys)
        let start = MonotonicClock.now()
        var total = EnqueueTally()
        var batches: [[EnqueueLine]] = []
        var batch: [EnqueueLine] = []
        batch.reserveCapacity(Self.batchSize)
        var overlong = 0
        var unreadable: [String] = []
        func send() throws(RedisError) {
            if !batch.isEmpty { batches.append(batch) }
            batch.removeAll(keepingCapacity: true)
            guard !batches.isEmpty else { return }
            total.add(try enqueuer.add(batches: batches))
            batches.removeAll(keepingCapacity: true)
        }
        do {
            try ListLines.forEach(in: sources, format: inputFormat) { item in
                switch item {
                case .line(let text, let dedupKey, let lineFormat):
                    let lineFormat: QueueLineFormat = lineFormat == .jsonl ? .jsonl : .url
                    batch.append(
                        EnqueueLine(line: text, format: lineFormat, dedupKey: allowDuplicates ? nil : dedupKey))
                    guard batch.count == Self.batchSize else { return }
                    batches.append(batch)
                    batch.removeAll(keepingCapacity: true)
                    if batches.count == Self.batchesPerRoundTrip { try send() }
                case .overlong:
                    overlong += 1
                case .unreadable(let source, let reason):
                    printError("cannot read \(source): \(reason); stopped reading it")
                    unreadable.append(source)
                }
            }
            try send()
        } catch let error as RedisError {
            let wall = MonotonicClock.seconds(from: start, to: MonotonicClock.now())
            printError(
                "enqueue stopped: \(error); \(total.line(url: url, key: queue.key, wall: wall)) before it, and the "
                    + "batch under way may or may not have been added (run the same enqueue again: duplicates are "
                    + "skipped)")
            throw ExitCode(1)
        }
        if overlong > 0 {
            printError("warning: \(overlong) lines longer than \(ListLines.maxLineLength) bytes were not enqueued")
        }
        let wall = MonotonicClock.seconds(from: start, to: MonotonicClock.now())
        if !silent { printError(total.line(url: url, key: queue.key, wall: wall)) }
        if !unreadable.isEmpty { throw ExitCode(1) }
    }
}

/// What an enqueue added and skipped, over all its batches.
struct EnqueueTally {
    var added = 0
    var duplicates = 0
    var firstIndex: Int?
    var lastIndex: Int?

    mutating func add(_ outcome: EnqueueOutcome) {
        added += outcome.added
        duplicates += outcome.duplicates
        guard outcome.lines > 0 else { return }
        if firstIndex == nil { firstIndex = outcome.firstIndex }
        lastIndex = outcome.firstIndex + outcome.lines - 1
    }

    /// "enqueued 1,000 URLs on redis://127.0.0.1:6379/0, queue cfetch (12 duplicates
    /// skipped; indexes 0–1011) in 0.21 s".
    func line(url: RedisURL, key: String, wall: Double) -> String {
        var text = "enqueued \(added) URL\(added == 1 ? "" : "s") on \(url), queue \(key)"
        var notes: [String] = []
        if duplicates > 0 { notes.append("\(duplicates) duplicate\(duplicates == 1 ? "" : "s") skipped") }
        if let firstIndex, let lastIndex { notes.append("indexes \(firstIndex)–\(lastIndex)") }
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        return text + " in \(NumberText.fixed(wall, 2)) s"
    }
}
