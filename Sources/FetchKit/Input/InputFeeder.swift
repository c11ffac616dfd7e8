import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The producer: a thread that reads every source in order, turns lines into jobs and
/// pushes them into the work queue (blocking while it is full), then closes the queue.
///
/// Once the queue refuses a job (the run stopped), it reads on only to count: the rest of
/// each file and in-memory list, by the same line rules, so the summary can say how much
/// was not read. A pipe or a terminal is not read after the stop: its rest may never come.
///
/// With `--skip-done`, a line whose URL (and id) an earlier run finished gets no job and no
/// record, but keeps its index: the index stays the line's place in the input. With
/// `--shard K/N`, so does every line whose index is not K modulo N (it is not parsed).
final class InputFeeder: Sendable {
    static let maxLineLength = 64 * 1024

    private let sources: [InputSource]
    private let queue: WorkQueue
    private let progress: RunProgress
    /// Key each job's host while parsing (for the frontier, off the loop's thread).
    private let keysHosts: Bool
    /// How LIST files and stdin are read; in-memory lines are always URLs.
    private let listFormat: InputFormat
    /// Lines earlier runs finished, not to fetch again.
    private let done: DoneSet?
    /// `--shard`: only these lines are fetched here.
    private let shard: InputShard?
    private let finished = DispatchSemaphore(value: 0)
    private let state = Locked(State())

    private struct State {
        /// Jobs the queue took: each has a record.
        var accepted = 0
        /// The index the next line gets: lines accepted and lines skipped as done.
        var nextIndex = 0
        /// Lines skipped because an earlier run finished them.
        var skipped = 0
        /// Lines left to the other shards.
        var otherShards = 0
        /// Lines counted after the stop.
        var unreadLines = 0
        /// The pipe or terminal being read now, which the run must not wait on.
        var readingUncountable: String?
        /// The pipe or terminal whose rest was left unread.
        var uncounted: String?
        /// The run asked what was not read: no pipe or terminal is started after this.
        var stopAsked = false
    }

    init(
        sources: [InputSource], queue: WorkQueue, progress: RunProgress, keysHosts: Bool = false,
        listFormat: InputFormat = .lines, done: DoneSet? = nil, shard: InputShard? = nil
    ) {
        self.sources = sources
        self.queue = queue
        self.progress = progress
        self.keysHosts = keysHosts
        self.listFormat = listFormat
        self.done = done
        self.shard = shard
    }

    /// Lines skipped as done so far (all of them once the reader has finished).
    var skipped: Int { state.withLock { $0.skipped } }

    /// Lines left to the other shards so far.
    var otherShards: Int { state.withLock { $0.otherShards } }

    func start() {
        startThread(name: "cfetch-input") { [self] in
            feed()
            finished.signal()
        }
    }

    /// Waits until every line has been read.
    func waitUntilFinished() {
        finished.wait()
    }

    /// After the run stopped: what was not read. Waits while the rest of a file is counted,
    /// never for a pipe or terminal, whose next line may never come.
    func unreadAfterStop() -> UnreadInput {
        // Under the same lock as the reader's start of a pipe: either it is reading one
        // now, or it will not start one and finishes.
        let reading = state.withLock { state in
            state.stopAsked = true
            return state.readingUncountable
        }
        if reading == nil { finished.wait() }
        return state.withLock { state in
            UnreadInput(
                firstIndex: state.nextIndex, lines: state.unreadLines,
                uncountedSource: state.uncounted ?? state.readingUncountable)
        }
    }

    private func feed() {
        var parser = URLLineParser()
        parser.keysHosts = keysHosts
        var stopped = false
        defer {
            progress.inputFinished(total: state.withLock { $0.accepted })
            queue.close()
        }
        for source in sources {
            parser.startList()
            if !stopped && queue.isCancelled { stopped = true }
            switch source {
            case .lines(let lines):
                parser.format = .lines
                for line in lines {
                    take(.text(Array(line.utf8)), parser: &parser, stopped: &stopped, countable: true)
                }
            case .descriptor(let fd, let name):
                parser.format = listFormat
                let countable = Self.isRegularFile(fd)
                if !countable {
                    let starts = state.withLock { state in
                        guard !stopped && !state.stopAsked else {
                            state.uncounted = name
                            return false
                        }
                        state.readingUncountable = name
                        return true
                    }
                    guard starts else { return }
                }
                defer { if !countable { state.withLock { $0.readingUncountable = nil } } }
                var reader = LineReader(fd: fd, maxLineLength: Self.maxLineLength)
                do {
                    while let line = try reader.next() {
                        take(line, parser: &parser, stopped: &stopped, countable: countable)
                        if stopped && !countable {
                            state.withLock { $0.uncounted = name }
                            return
                        }
                    }
                } catch {
                    progress.warn("cannot read \(name): \(error.description); stopped reading it")
                }
                if fd != STDIN_FILENO { close(fd) }
            }
        }
    }

    /// A line: pushed as a job while the run goes on, counted once it has stopped.
    private func take(_ line: LineReader.Line, parser: inout URLLineParser, stopped: inout Bool, countable: Bool) {
        if stopped {
            // Counted by index with --shard: only this shard's lines were left unread.
            let index = parser.nextIndex
            if Self.passOver(line, parser: &parser) && shard?.contains(index) != false {
                state.withLock { $0.unreadLines += 1 }
            }
            return
        }
        if let shard, !shard.contains(parser.nextIndex) {
            if Self.passOver(line, parser: &parser) {
                state.withLock { state in
                    state.otherShards += 1
                    state.nextIndex = parser.nextIndex
                }
            }
            return
        }
        let job: FetchJob?
        switch line {
        case .text(let bytes): job = parser.job(for: bytes)
        case .tooLong: job = parser.jobForOverlongLine(limit: Self.maxLineLength)
        }
        guard let job else { return }
        if let done, done.contains(url: job.url, id: job.lineRequest?.id) {
            state.withLock { state in
                state.skipped += 1
                state.nextIndex = job.index + 1
            }
            return
        }
        if queue.push(job) {
            state.withLock { state in
                state.accepted += 1
                state.nextIndex = job.index + 1
            }
            progress.jobQueued()
        } else {
            // The job the queue refused is the first line not read (of a pipe's, part of
            // its rest).
            stopped = true
            if countable { state.withLock { $0.unreadLines += 1 } }
        }
    }

    /// Passes over a line without making a job (another shard's, or unread after a stop):
    /// true when it is a URL line, which takes an index.
    private static func passOver(_ line: LineReader.Line, parser: inout URLLineParser) -> Bool {
        switch line {
        case .text(let bytes): return parser.skip(bytes)
        case .tooLong:
            parser.skipOverlongLine()
            return true
        }
    }

    private static func isRegularFile(_ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
