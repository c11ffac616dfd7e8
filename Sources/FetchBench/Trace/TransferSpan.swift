import FetchKit

/// Where a record sits on its run's timeline, in seconds from the run's start: when its
/// worker took it, when it ended, and how long it had waited in the queue before.
public struct TransferSpan: Sendable, Equatable {
    /// When the job entered the queue (or the run started, if later).
    public let queuedFrom: Double
    /// When the worker took the job.
    public let begin: Double
    /// When the worker finished with it.
    public let end: Double

    public init(_ record: FetchRecord) {
        // `start` is the last attempt's start and `total` its duration; `elapsed` covers
        // every attempt, from the take to the end.
        let end = max(record.start + record.phases.total, record.start)
        let begin = max(0, min(record.start, end - record.elapsed))
        self.end = max(end, begin)
        self.begin = begin
        queuedFrom = max(0, begin - record.queued)
    }
}
