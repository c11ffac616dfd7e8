/// A run's engine loops: K `FetchEngine`s, each a thread with its own multi handle, handle
/// pool and timers (NIO's `MultiThreadedEventLoopGroup`). A multi handle belongs to one
/// thread, so this is how one run uses more than one core: workers are spread over the
/// loops, and every loop takes from the run's one job source (whose per-host limits
/// therefore hold across loops).
///
/// Each worker's transfers go to one loop for the whole run (`engine(forWorker:)`): for
/// `callback`, `future` and `green` the worker lives there; a `structured` task resumes on
/// any thread but sends its fetches there, so its connections are reused.
final class EngineGroup: Sendable {
    let engines: [FetchEngine]

    /// Starts `loops` engines; each keeps up to its share of `maxConnections` open.
    /// Throws when curl or a loop cannot start (the engines already started are shut down).
    init(plan: TransferPlan, settings: EngineSettings, loops: Int, maxConnections: Int) throws {
        precondition(loops >= 1, "an engine group needs a loop")
        let share = (maxConnections + loops - 1) / loops
        var engines: [FetchEngine] = []
        do {
            for number in 1...loops {
                engines.append(
                    try FetchEngine(
                        plan: plan, maxConnections: share, settings: settings, name: "cfetch-loop-\(number)"))
            }
        } catch {
            for engine in engines { engine.shutdown() }
            throw error
        }
        self.engines = engines
    }

    /// The loop worker `number` (1-based) lives on: workers are dealt out in turn, so the
    /// loops' worker counts differ by at most one.
    func engine(forWorker number: Int) -> FetchEngine {
        engines[(number - 1) % engines.count]
    }

    /// The worker numbers (1-based, of `workers`) that live on `engines[index]`.
    func workers(onLoop index: Int, of workers: Int) -> [Int] {
        Array(stride(from: index + 1, through: workers, by: engines.count))
    }

    /// Tells every loop that no new requests will follow (connections close after use).
    func noMoreRequests() {
        for engine in engines { engine.noMoreRequests() }
    }

    /// Cancels every transfer on every loop.
    func cancelAll() {
        for engine in engines { engine.cancelAll() }
    }

    /// Stops every loop and waits for each to release its curl handles.
    func shutdown() {
        for engine in engines { engine.shutdown() }
    }
}
