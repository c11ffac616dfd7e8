import Synchronization

/// A `JobProducer`'s way into the run: each line it pushes becomes a job by the same rules
/// as a list's line (a URL, or a JSONL request object), checked and keyed by host as the
/// input reader would, and waits in the run's work queue for a worker.
public final class JobFeed: Sendable {
    private let queue: WorkQueue
    private let progress: RunProgress
    /// Key each job's host while parsing (the run has a frontier).
    private let keysHosts: Bool
    /// Jobs the queue took: each has a record.
    private let accepted = Atomic<Int>(0)

    init(queue: WorkQueue, progress: RunProgress, keysHosts: Bool) {
        self.queue = queue
        self.progress = progress
        self.keysHosts = keysHosts
    }

    /// Pushes the job for `line` at `index`, blocking while the run's queue is full. Returns
    /// false, the job not taken, once the run has stopped. Every line gets a job: a blank
    /// line or a comment, which a list would pass over, is an `invalid-url` record here (the
    /// producer handed it over as a URL, and it must hear back).
    public func push(line: String, index: Int, format: InputFormat, claim: QueueClaim?) -> Bool {
        var parser = URLLineParser()
        parser.keysHosts = keysHosts
        let bytes = Array(line.utf8)
        guard bytes.count <= InputFeeder.maxLineLength else {
            var job = FetchJob(
                index: index, url: "",
                problem: URLProblem(
                    errorClass: .invalidURL, message: "the line is longer than \(InputFeeder.maxLineLength) bytes"))
            job.queueClaim = claim
            return push(job)
        }
        var job =
            parser.job(for: bytes, index: index, format: format)
            ?? FetchJob(
                index: index, url: line,
                problem: URLProblem(errorClass: .invalidURL, message: "the line is blank or a # comment"))
        job.queueClaim = claim
        return push(job)
    }

    /// Pushes the job for `line` at `index` (its URL and id read as `push(line:…)` reads
    /// them), refused for `problem` (an entry delivered too often): a worker makes its
    /// record without touching the network.
    public func push(
        refused problem: URLProblem, line: String, index: Int, format: InputFormat, claim: QueueClaim?
    )
        -> Bool
    {
        var parser = URLLineParser()
        let job =
            parser.job(for: Array(line.utf8), index: index, format: format)
            ?? FetchJob(index: index, url: line, problem: problem)
        var refused = job.refused(problem)
        refused.queueClaim = claim
        return push(refused)
    }

    private func push(_ job: FetchJob) -> Bool {
        guard queue.push(job) else { return false }
        accepted.add(1, ordering: .relaxed)
        progress.jobQueued()
        return true
    }

    /// The run has stopped (a signal, `--fail-early`, stdout gone): push nothing more.
    public var isStopped: Bool { queue.isCancelled }

    /// Jobs the run's queue takes before a push waits: what is worth claiming now.
    public var room: Int { queue.room }

    /// Waits while the run's queue is full, until its workers have taken half of it (or
    /// the run stopped, 0); returns the room then.
    public func waitForRoom() -> Int { queue.waitForRoom() }

    /// No more jobs will come: the workers finish what is queued, and the run ends.
    public func close() {
        progress.inputFinished(total: accepted.load(ordering: .relaxed))
        queue.close()
    }
}
