import Synchronization

/// A run's engine loops: K `FetchEngine`s, each a thread with its own multi handle, handle
/// pool and timers (NIO's `MultiThreadedEventLoopGroup`). A multi handle belongs to one
/// thread, so this is how one run uses more than one core: workers are spread over the
/// loops, and every loop takes from the run's one job source (whose per-host limits
/// therefore hold across loops).
///
/// `callback`, `future` and `green` keep each worker on one loop for life
/// (`engine(forWorker:)`); `structured` picks a loop per fetch (`nextEngine()`).
final class EngineGroup: Sendable {
    let engines: [FetchEngine]
    private let turn = Atomic<Int>(0)

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

    /// A loop for one fetch, in turn.
    func nextEngine() -> FetchEngine {
        guard engines.count > 1 else { return engines[0] }
        let index = turn.add(1, ordering: .relaxed).oldValue
        return engines[index % engines.count]
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
