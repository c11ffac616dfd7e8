#if canImport(Glibc)
import Glibc
#endif

/// What a run did, for the totals, the stderr summary line and the exit status.
public struct RunSummary: Sendable {
    /// Per worker: URLs it handled, body bytes, and the time it spent on them.
    public struct TaskTotal: Sendable, Equatable {
        public var urls = 0
        public var bytes = 0
        public var busy: Double = 0
    }

    /// Records made: one per input line read.
    public var records = 0
    /// Records written whole to stdout.
    public var written = 0
    public var ok = 0
    public var bytes = 0
    public var cancelled = 0
    /// Wall time of the whole run, in seconds.
    public var wall: Double = 0
    /// The signal that stopped the run, if one did.
    public var stopSignal: StopSignal?
    /// The URL whose failure stopped the run (`--fail-early`), if one did.
    public var stoppedAtFailure: String?
    /// The errno of the write that stdout refused, if one did (EPIPE: its reader left).
    public var outputError: Int32?
    /// What a stopped run left of its input; nil when it read all of it.
    public var unread: UnreadInput?
    /// Lines `--skip-done` skipped; nil without it.
    public var skipped: SkippedInput?
    /// Lines `--shard` left to the other shards; nil without it.
    public var otherShards: OtherShardLines?
    /// What a `JobProducer` adds to the line (queue mode: entries left pending).
    public var inputNotes: [String] = []
    /// Indexed by worker number - 1.
    public var tasks: [TaskTotal] = []
    /// Hosts that answered 429 or 503 (the frontier's view), the busiest first.
    public var throttled: [ThrottledHost] = []

    public var failed: Int { records - ok }

    public var interrupted: Bool { stopSignal != nil }

    /// The reader of stdout went away and the run stopped early, on purpose
    /// (`cfetch … | head -1`): not a failure, and nothing to say.
    public var outputClosed: Bool { outputError == EPIPE }

    /// Records were lost: stdout refused them for another reason than its reader leaving.
    public var outputFailed: Bool { outputError != nil && !outputClosed }

    mutating func add(_ record: FetchRecord) {
        records += 1
        if record.ok { ok += 1 }
        if record.error == .cancelled { cancelled += 1 }
        bytes += record.bytes
        let slot = record.worker - 1
        if slot >= tasks.count {
            tasks.append(contentsOf: repeatElement(TaskTotal(), count: slot + 1 - tasks.count))
        }
        tasks[slot].urls += 1
        tasks[slot].bytes += record.bytes
        tasks[slot].busy += record.elapsed
    }

    /// 0 all ok, 1 some not ok (and so when `--fail-early` stopped the run: its record
    /// failed), 23 records could not be written (curl's "write error"), 130 stopped by
    /// SIGINT, 143 by SIGTERM (README, "Exit status").
    public var exitStatus: Int32 {
        if outputFailed { return 23 }
        if let stopSignal { return stopSignal.exitStatus }
        // `cfetch … | head -1`: the reader chose to stop; that is not a failure.
        if outputClosed { return 0 }
        return failed == 0 ? 0 : 1
    }

    /// The one line for stderr at the end of a run: the totals, or, when records were
    /// lost, what was lost instead.
    public var line: String {
        if let outputError, outputFailed {
            var text = "cannot write records to stdout: \(String(cString: strerror(outputError)))"
            text += "; \(written) of \(records) written"
            if let unread { text += "; \(unread.description)" }
            return text
        }
        // An empty list is not an error (exit 0), but a run that fetched nothing says why.
        if records == 0, stopSignal == nil, unread == nil, outputError == nil, throttled.isEmpty {
            let reasons = [skipped?.description, otherShards?.description].compactMap { $0 } + inputNotes
            guard !reasons.isEmpty else { return "no URLs in the input" }
            return "nothing left to fetch: " + reasons.joined(separator: "; ")
        }
        let rate = wall > 0 ? Double(records) / wall : 0
        var text = "\(records) URLs: \(ok) ok, \(failed) failed"
        if cancelled > 0 { text += " (\(cancelled) cancelled)" }
        text += ", \(ByteCount.format(bytes)) in \(NumberText.fixed(wall, 2)) s"
        text += " (\(NumberText.fixed(rate, 1)) URLs/s)"
        if let stopSignal { text += ", \(stopSignal.summaryWord)" }
        if let stoppedAtFailure { text += ", stopped at the first failure (--fail-early): \(stoppedAtFailure)" }
        if let skipped { text += "; \(skipped.description)" }
        if let otherShards { text += "; \(otherShards.description)" }
        if let unread { text += "; \(unread.description)" }
        for note in inputNotes { text += "; \(note)" }
        if !throttled.isEmpty { text += "; " + throttledText(listing: Self.throttledListed) }
        return text
    }

    /// Hosts the summary line names; the text view's footer names them all.
    static let throttledListed = 3

    /// "throttled by 2 hosts: a:443 (12× 429/503, paused 2×, ended at 2 in flight), …".
    func throttledText(listing limit: Int) -> String {
        let listed = throttled.prefix(limit).map(\.summary).joined(separator: ", ")
        let more = throttled.count > limit ? ", and \(throttled.count - limit) more" : ""
        let hosts = throttled.count == 1 ? "1 host" : "\(throttled.count) hosts"
        return "throttled by \(hosts): \(listed)\(more)"
    }
}
