import Synchronization

/// What a run is asked to do.
public struct RunConfiguration: Sendable {
    public var strategy: StrategyKind = .callback
    /// Workers (tasks); never more transfers than this in flight.
    public var concurrency = 10
    public var options = FetchOptions()
    /// Each green worker's stack (`--stack-size`); the pages it touches are what it costs.
    public var greenStackSize = RunConfiguration.defaultGreenStackSize
    public static let defaultGreenStackSize = Coroutine.defaultStackSize

    public init() {}
}

/// One run: input → work queue → strategy workers → reporter. `run()` blocks until every
/// job taken has its record; `interrupt(_:)` and `stop()` may be called from any thread.
public final class FetchRun: Sendable {
    private let configuration: RunConfiguration
    private let sources: [InputSource]
    private let progress: RunProgress
    private let cancellation = RunCancellation()
    /// The first signal that stopped the run.
    private let signal = Locked<StopSignal?>(nil)

    public init(configuration: RunConfiguration, sources: [InputSource], progress: RunProgress) {
        self.configuration = configuration
        self.sources = sources
        self.progress = progress
    }

    /// SIGINT or SIGTERM: stop taking work, cancel what is in flight, give every job taken
    /// its record; the run ends as stopped by `signal`.
    public func interrupt(_ signal: StopSignal) {
        self.signal.withLock { if $0 == nil { $0 = signal } }
        cancellation.cancel()
    }

    /// Stop because stdout no longer takes records (its reader left, or a write failed):
    /// no point fetching what cannot be recorded. The reporter knows which it was.
    public func stop() {
        cancellation.cancel()
    }

    public func run(reporter: Reporter) throws -> RunSummary {
        let workers = max(1, configuration.concurrency)
        let shortage = DescriptorShortage { [progress] in
            progress.warn(
                "ran out of file descriptors (ulimit -n is \(OpenFileLimit.current)): holding transfers back, "
                    + "so fewer than -j \(workers) run at once")
        }
        let plan = try TransferPlan(options: configuration.options, descriptorShortage: shortage)
        let queue = WorkQueue(capacity: max(1024, 2 * workers))
        cancellation.onCancel { queue.cancel() }
        let runStart = MonotonicClock.now()
        let feeder = InputFeeder(sources: sources, queue: queue, progress: progress)
        feeder.start()
        progress.start()
        reporter.begin()
        let context = RunContext(
            queue: queue, plan: plan, workers: workers, strategy: configuration.strategy,
            runStart: runStart, cancellation: cancellation, emit: reporter.emit)
        do {
            try configuration.strategy.implementation(greenStackSize: configuration.greenStackSize).run(context)
        } catch {
            stop()
            progress.finish()
            throw error
        }
        // A stopped run does not wait for a reader that may be blocked on a terminal.
        let stopped = cancellation.isCancelled
        let unread = stopped ? feeder.unreadAfterStop() : nil
        if !stopped { feeder.waitUntilFinished() }
        let wall = MonotonicClock.seconds(from: runStart, to: MonotonicClock.now())
        var summary = reporter.finish(wall: wall)
        summary.stopSignal = signal.withLock { $0 }
        if let unread, !unread.isEmpty { summary.unread = unread }
        return summary
    }
}
