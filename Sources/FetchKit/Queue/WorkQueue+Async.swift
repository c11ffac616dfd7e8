extension WorkQueue {
    /// The next job, awaited without blocking a thread; nil once the queue is drained.
    public func next() async -> FetchJob? {
        await withCheckedContinuation { continuation in
            take { continuation.resume(returning: $0) }
        }
    }
}
