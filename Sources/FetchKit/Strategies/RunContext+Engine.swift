extension RunContext {
    /// Runs `body` with an engine for this run, set up and torn down the same way for
    /// every strategy that uses one: it can hold `-j` connections, it learns when the
    /// queue has run dry (and then closes connections after use), a cancelled run cancels
    /// its transfers unless the strategy cancels them its own way, and it is shut down
    /// when `body` returns or throws. `body` starts the workers and waits for them.
    func withEngine<Result>(
        cancelsTransfers: Bool = true, _ body: (FetchEngine) throws -> Result
    ) throws -> Result {
        let engine = try FetchEngine(plan: plan, maxConnections: workers, h2Streams: self.engine.h2Streams)
        defer { engine.shutdown() }
        if cancelsTransfers { cancellation.onCancel { engine.cancelAll() } }
        jobs.whenDrained { engine.noMoreRequests() }
        jobs.useTimer(engine)
        return try body(engine)
    }
}
