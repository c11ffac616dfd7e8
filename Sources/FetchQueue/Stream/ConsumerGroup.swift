/// The queue's consumer group (`QueueKeys.group`) on its work stream, created when
/// missing: by the enqueuer before its first line, and by a worker that finds it gone
/// (`NOGROUP`: the key was deleted, or Redis restarted without persistence).
enum ConsumerGroup {
    /// `XGROUP CREATE K cfetch 0 MKSTREAM`: from id 0, so that entries added before the
    /// group existed are delivered too; `MKSTREAM` creates an empty stream when there is
    /// none. `BUSYGROUP` (the group exists) is success.
    static func ensure(on connection: RedisConnection, keys: QueueKeys) throws(RedisError) {
        do {
            _ = try connection.command(["XGROUP", "CREATE", keys.stream, QueueKeys.group, "0", "MKSTREAM"])
        } catch {
            guard error.serverErrorCode == "BUSYGROUP" else { throw error }
        }
    }
}
