/// Where a run's jobs come from when they do not come from LIST files: queue mode's
/// stream reader. A producer feeds the run's work queue through a `JobFeed`, on a thread of
/// its own, and closes the feed when no more jobs will come.
public protocol JobProducer: Sendable {
    /// Starts feeding on a thread of the producer's own; returns at once.
    func start(feeding feed: JobFeed)

    /// Waits until the producer's thread has finished: after it closed the feed, or after
    /// the run stopped (the feed then refuses jobs, and the producer must notice within a
    /// moment).
    func waitUntilFinished()

    /// What the run's summary line should add once the run is over ("3 entries left
    /// pending for the other workers"); `stopped` when a signal or a failure stopped it.
    func summaryNotes(stopped: Bool) -> [String]
}
