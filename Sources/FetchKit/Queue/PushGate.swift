/// What the work queue asks before it takes each job from the input reader: `--keep-order`
/// holds the reader back while its reorder buffer is full, and stdout's `RecordOutput`
/// while too much waits to be written, so workers wait for jobs instead of a buffer
/// growing without bound (`ChainedGate` asks both).
protocol PushGate: Sendable {
    /// Blocks the producer while the gate is shut; false once the run has stopped (the job
    /// is then not pushed).
    func admit(_ job: FetchJob) -> Bool
    /// The queue refused `job` after `admit` let it through (the run stopped in between): no
    /// record will come for it.
    func withdraw(_ job: FetchJob)
    /// The run stopped: a producer waiting in `admit` is let go, refused, and so is every later one.
    func cancel()
}
