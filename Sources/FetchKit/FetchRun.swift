import Synchronization

/// What a run is asked to do.
public struct RunConfiguration: Sendable {
    public var strategy: StrategyKind = .callback
    /// Workers (tasks); never more transfers than this in flight.
    public var concurrency = 10
    public var options = FetchOptions()
    /// Each green worker's stack (`--stack-size`); the pages it touches are what it costs.
    public var greenStackSize = RunConfiguration.defaultGreenStackSize
    /// How LIST files and stdin are read (`--input-format`).
    public var inputFormat = InputFormat.lines
    /// Lines earlier runs finished (`--skip-done`): skipped, with no record.
    public var done: DoneSet?
    /// `--shard K/N`: only the lines whose index is K modulo N are fetched.
    public var shard: InputShard?
    public static let defaultGreenStackSize = Coroutine.defaultStackSize
    /// Records in the order the input was queued (`--keep-order`), through a `ReorderBuffer`.
    public var keepOrder = false
    /// Stop at the first record that is not ok and not cancelled (`--fail-early`).
    public var failEarly = false
    /// The engine's loops and what each is told (`--loops`).
    public var engine = EngineSettings()
    /// Jobs the work queue holds ahead of the workers; nil for max(1,024, 2 × workers).
    /// Queue mode keeps it to a few times -j: what a process claims from the stream and has
    /// not started is work the other workers cannot take.
    public var readAhead: Int?

    public init() {}
}

/// Where a run's jobs come from.
public enum RunInput: Sendable {
    /// LIST files, stdin and URLs given as arguments, read in order by the input reader.
    case sources([InputSource])
    /// Another producer (queue mode's stream reader).
    case producer(any JobProducer)
}

/// One run: input → work queue → strategy workers → reporter. `run()` blocks until every
/// job taken has its record; `interrupt(_:)` and `stop()` may be called from any thread.
public final class FetchRun: Sendable {
    private let configuration: RunConfiguration
    private let input: RunInput
    private let progress: RunProgress
    private let cancellation = RunCancellation()
    /// The first signal that stopped the run.
    private let signal = Locked<StopSignal?>(nil)
    /// The URL whose failure stopped the run (`--fail-early`), if that stopped it first.
    private let failure = Locked<String?>(nil)

    public convenience init(configuration: RunConfiguration, sources: [InputSource], progress: RunProgress) {
        self.init(configuration: configuration, input: .sources(sources), progress: progress)
    }

    public init(configuration: RunConfiguration, input: RunInput, progress: RunProgress) {
        self.configuration = configuration
        self.input = input
        self.progress = progress
    }

    /// SIGINT or SIGTERM: stop taking work, cancel what is in flight, give every job taken
    /// its record; the run ends as stopped by `signal` (unless `--fail-early` stopped it
    /// first: the first cause is the one the summary and the exit status give).
    public func interrupt(_ signal: StopSignal) {
        guard failure.withLock({ $0 == nil }) else {
            cancellation.cancel()
            return
        }
        self.signal.withLock { if $0 == nil { $0 = signal } }
        cancellation.cancel()
    }

    /// `--fail-early`: `record` failed; stop as a signal would, unless the run is already
    /// stopping (a record that fails after a stop is not what stopped it).
    private func stopAtFailure(_ record: FetchRecord) {
        guard !record.ok, record.error != .cancelled, !cancellation.isCancelled else { return }
        guard signal.withLock({ $0 == nil }) else { return }
        let first = failure.withLock { failure in
            guard failure == nil else { return false }
            failure = record.url
            return true
        }
        if first { cancellation.cancel() }
    }

    /// Stop because stdout no longer takes records (its reader left, or a write failed):
    /// no point fetching what cannot be recorded. The reporter knows which it was.
    public func stop() {
        cancellation.cancel()
    }

    /// The frontier in front of the work queue when the run limits hosts or retries (a
    /// retry must wait for its host's `Retry-After` pause, which only the frontier keeps);
    /// nil otherwise, and workers take from the queue directly, at full speed.
    private func makeFrontier(queue: WorkQueue, workers: Int, runStart: UInt64) throws -> Frontier? {
        let options = configuration.options
        guard options.politeness.limitsHosts || options.retries > 0 else { return nil }
        let robots =
            options.politeness.robots
            ? try RobotsFetcher(options: options, strategy: configuration.strategy, runStart: runStart) : nil
        let frontier = Frontier(
            queue: queue, politeness: options.politeness, capacity: Frontier.capacity(workers: workers),
            longestPause: options.retryMaxDelay, robots: robots)
        cancellation.onCancel { frontier.cancel() }
        return frontier
    }

    /// `-c`: every cookie of the run's store, written once the last transfer is over (a
    /// stopped run's too). A failure is said on stderr, as curl says it; the records stand.
    private func writeCookieJar() {
        do {
            try configuration.options.request.cookies?.writeJar()
        } catch {
            progress.warn("\(error)")
        }
    }

    /// Where workers' records go: to the reporter, through the reorder buffer with
    /// `--keep-order`, each looked at by `--fail-early` as it is made.
    private func emitter(reporter: Reporter, order: ReorderBuffer?) -> @Sendable (FetchRecord) -> Void {
        let write: @Sendable (FetchRecord) -> Void
        if let order {
            write = { order.arrived($0) }
        } else {
            write = reporter.emit
        }
        guard configuration.failEarly else { return write }
        return { [self] record in
            write(record)
            stopAtFailure(record)
        }
    }

    public func run(reporter: Reporter) throws -> RunSummary {
        let workers = max(1, configuration.concurrency)
        let shortage = DescriptorShortage { [progress] in
            progress.warn(
                "ran out of file descriptors (ulimit -n is \(OpenFileLimit.current)): holding transfers back, "
                    + "so fewer than -j \(workers) run at once")
        }
        let order =
            configuration.keepOrder
            ? ReorderBuffer(capacity: ReorderBuffer.capacity(workers: workers), deliver: reporter.emit) : nil
        let gate = ChainedGate.chaining([reporter.inputGate, order])
        let queue = WorkQueue(capacity: configuration.readAhead ?? max(1024, 2 * workers), gate: gate)
        cancellation.onCancel { queue.cancel() }
        let runStart = MonotonicClock.now()
        let frontier = try makeFrontier(queue: queue, workers: workers, runStart: runStart)
        defer { frontier?.shutdown() }
        let plan = try TransferPlan(options: configuration.options, descriptorShortage: shortage, hosts: frontier)
        var feeder: InputFeeder?
        switch input {
        case .sources(let sources):
            feeder = InputFeeder(
                sources: sources, queue: queue, progress: progress, keysHosts: frontier != nil,
                listFormat: configuration.inputFormat, done: configuration.done, shard: configuration.shard)
            feeder?.start()
        case .producer(let producer):
            producer.start(feeding: JobFeed(queue: queue, progress: progress, keysHosts: frontier != nil))
        }
        progress.start()
        reporter.begin()
        let context = RunContext(
            jobs: frontier ?? queue, plan: plan, workers: workers, strategy: configuration.strategy,
            engine: configuration.engine, runStart: runStart, cancellation: cancellation,
            emit: emitter(reporter: reporter, order: order))
        do {
            try configuration.strategy.implementation(greenStackSize: configuration.greenStackSize).run(context)
        } catch {
            stop()
            order?.flush()
            reporter.endOutput()
            progress.finish()
            throw error
        }
        order?.flush()
        // A stopped run does not wait for a reader that may be blocked on a terminal.
        let stopped = cancellation.isCancelled
        let unread = stopped ? feeder?.unreadAfterStop() : nil
        if !stopped { feeder?.waitUntilFinished() }
        if case .producer(let producer) = input { producer.waitUntilFinished() }
        writeCookieJar()
        let wall = MonotonicClock.seconds(from: runStart, to: MonotonicClock.now())
        var summary = reporter.finish(wall: wall, throttled: frontier?.throttledHosts() ?? [])
        summary.stopSignal = signal.withLock { $0 }
        summary.stoppedAtFailure = failure.withLock { $0 }
        if let unread, !unread.isEmpty { summary.unread = unread }
        if let feeder, let done = configuration.done {
            summary.skipped = SkippedInput(lines: feeder.skipped, doneIn: done.sources)
        }
        if let feeder, let shard = configuration.shard {
            summary.otherShards = OtherShardLines(lines: feeder.otherShards, shard: shard)
        }
        if case .producer(let producer) = input { summary.inputNotes = producer.summaryNotes(stopped: stopped) }
        return summary
    }
}
