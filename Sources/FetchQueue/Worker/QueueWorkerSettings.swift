/// What a queue-mode worker (`cfetch fetch --queue`) is told: which server and queue, its
/// name in the group, and when an entry is taken from a worker that seems gone or given
/// up on.
public struct QueueWorkerSettings: Sendable {
    public var url: RedisURL
    public var keys: QueueKeys
    /// The worker's consumer name in the group (`--consumer`, default `host-pid`).
    public var consumer: String
    /// An entry pending this long with another consumer is claimed by this one
    /// (`--claim-idle`): its worker is taken to be dead.
    public var claimIdle: Duration
    /// An entry delivered more often than this is not fetched again (`--max-deliveries`):
    /// it goes to the dead-letter stream with a `poisoned` record.
    public var maxDeliveries: Int
    /// Keep waiting for new entries once the stream is drained (`--follow`).
    public var follow: Bool
    /// Entries claimed by one `XREADGROUP` at most (fewer when the run's queue has less room).
    public var readBatch = 100
    /// Entries claimed and not started a worker may hold, per worker (`-j`): the run's
    /// queue holds 4 × -j in queue mode.
    public static let readAheadPerWorker = 4
    /// How long one `XREADGROUP` waits for new entries: also how long a stopped or drained
    /// worker may take to notice.
    public var readBlock = Duration.milliseconds(500)
    /// How long the settler, once records are waiting, waits for more before one script
    /// call settles them, unless `settleGatherRecords` are waiting sooner. Each call costs
    /// Redis a fixed part (the group's state, a results entry, a trim) beside its records:
    /// taking what the writer had just given it, batches of about 30, two workers' settle
    /// scripts took Redis 7.4 µs per URL; gathered for 5 ms, 5.9 µs. A worker
    /// killed between a write and its settlement has those records fetched again, so this
    /// is also how many milliseconds of written records such a kill may repeat.
    public var settleGather = Duration.milliseconds(5)
    /// Waiting records that end the settler's gathering at once.
    public var settleGatherRecords = 200

    public init(url: RedisURL, keys: QueueKeys, consumer: String, claimIdle: Duration, maxDeliveries: Int, follow: Bool)
    {
        self.url = url
        self.keys = keys
        self.consumer = consumer
        self.claimIdle = claimIdle
        self.maxDeliveries = maxDeliveries
        self.follow = follow
    }

    /// How often idle entries of other consumers are looked for: half `claimIdle`, between
    /// 100 ms and 10 s.
    var claimEvery: Duration {
        min(max(claimIdle / 2, .milliseconds(100)), .seconds(10))
    }

    /// The default `--claim-idle`: the longest a transfer can take, with its retries and
    /// their waits, plus a minute's margin; 10 minutes a transfer when `-m` does not bound it.
    public static func defaultClaimIdle(maxTime: Double?, retries: Int, retryMaxDelay: Double) -> Duration {
        let attempts = Double(max(0, retries) + 1)
        let perAttempt = (maxTime ?? 0) > 0 ? maxTime! : 600
        let waits = Double(max(0, retries)) * retryMaxDelay
        return .milliseconds(Int64(((perAttempt * attempts + waits + 60) * 1000).rounded(.up)))
    }
}
