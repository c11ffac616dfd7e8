extension RunContext {
    /// The loops this run's engine has: `--loops`, or one per core, never more than the
    /// workers.
    var loopCount: Int { engine.loopCount(workers: workers) }

    /// Runs `body` with the engine loops for this run, set up and torn down the same way
    /// for every strategy that uses them: together they can hold `-j` connections, they
    /// learn when the queue has run dry (and then close connections after use), a
    /// cancelled run cancels their transfers unless the strategy cancels them its own
    /// way, and they are shut down when `body` returns or throws. `body` starts the
    /// workers and waits for them.
    func withEngines<Result>(
        cancelsTransfers: Bool = true, _ body: (EngineGroup) throws -> Result
    ) throws -> Result {
        let group = try EngineGroup(plan: plan, settings: engine, loops: loopCount, maxConnections: workers)
        defer { group.shutdown() }
        if cancelsTransfers { cancellation.onCancel { group.cancelAll() } }
        jobs.whenDrained { group.noMoreRequests() }
        // The frontier's timers (rates, pauses) run on the first loop.
        jobs.useTimer(group.engines[0])
        return try body(group)
    }
}
