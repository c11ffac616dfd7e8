#if canImport(Glibc)
import Glibc
#endif

/// A connection that survives the server going away: an operation that fails because
/// the connection was lost is tried again on a new one, after a back-off (`RedisBackoff`:
/// 50 ms doubling to 5 s, jittered), for as long as the worker has not been told to stop.
/// An error reply (`WRONGTYPE`, a refused login) is not a lost connection and is thrown.
///
/// The operations the worker repeats are safe to repeat: a claim that was made but whose
/// reply was lost leaves the entry pending (claimed again later), and a settlement that
/// ran but whose reply was lost is found already settled the second time.
///
/// Not `Sendable`: it lives on the one thread that made it (the reader's or the settler's).
final class ReconnectingRedis {
    private let url: RedisURL
    private let commandTimeout: Duration
    /// The one connection object, reconnected in place: what is built on it (the stream
    /// commands, their loaded scripts) stays valid across an outage.
    let connection: RedisConnection
    private var backoff = RedisBackoff()
    /// Says a lost connection (once per outage) and its return.
    private let warn: (String) -> Void
    /// The failure that started the current outage, if one is under way.
    private var outage: RedisError?
    /// New connections made after the first: a caller that must catch up after an outage
    /// (a reply lost with the connection) compares it with what it saw last.
    private(set) var reconnections = 0

    /// Connects at once: the first connection's failure is thrown, so a wrong URL or a
    /// server that is not there is said at start-up, not retried for ever.
    init(url: RedisURL, commandTimeout: Duration, warn: @escaping (String) -> Void) throws(RedisError) {
        self.url = url
        self.commandTimeout = commandTimeout
        self.warn = warn
        connection = try RedisConnection(url: url, commandTimeout: commandTimeout)
    }

    /// Runs `operation` until it gets through; nil when `stopping()` turned true while the
    /// server was away.
    func run<Result>(
        until stopping: () -> Bool, _ operation: (RedisConnection) throws(RedisError) -> Result
    ) throws(RedisError) -> Result? {
        while true {
            if connection.isConnected {
                do throws(RedisError) {
                    let result = try operation(connection)
                    if let outage {
                        warn("Redis at \(url) is back (it was lost: \(outage.message))")
                        self.outage = nil
                        backoff.reset()
                    }
                    return result
                } catch  where error.isConnectionLost {
                    lost(error)
                }
            }
            guard !stopping() else { return nil }
            pause(backoff.next(), until: stopping)
            guard !stopping() else { return nil }
            do throws(RedisError) {
                try connection.reconnect()
                reconnections += 1
            } catch  where error.isConnectionLost {
                lost(error)
            }
        }
    }

    func close() {
        connection.close()
    }

    private func lost(_ error: RedisError) {
        guard outage == nil else { return }
        outage = error
        warn("lost Redis at \(url) (\(error)); reconnecting")
    }

    /// Sleeps `duration`, in steps of at most 100 ms, waking early when told to stop.
    private func pause(_ duration: Duration, until stopping: () -> Bool) {
        var left = duration
        while left > .zero && !stopping() {
            let step = min(left, .milliseconds(100))
            let (seconds, attoseconds) = step.components
            var time = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            nanosleep(&time, nil)
            left -= step
        }
    }
}
