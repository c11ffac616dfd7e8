import ArgumentParser
import FetchKit
import FetchQueue

#if canImport(Glibc)
import Glibc
#endif

/// `cfetch fetch --queue …`: be one of many workers draining a shared Redis stream
/// instead of reading LIST files.
struct QueueWorkerOptions: ParsableArguments {
    @OptionGroup var queue: QueueOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "This worker's name in the queue's consumer group (default: HOSTNAME-PID). Two live workers must not "
                + "share one; a worker started again under a stopped one's name takes back its pending entries at "
                + "once.",
            valueName: "NAME"))
    var consumer: String?

    @Option(
        name: .customLong("claim-idle"), parsing: .unconditional,
        help: ArgumentHelp(
            "Take over entries another worker has held this long without settling them: it is taken to be dead "
                + "(default: the longest a transfer can take with -m, --retry and their waits, plus 60 s; 600 s a "
                + "transfer without -m).",
            valueName: "SECS"))
    var claimIdle: Double?

    @Option(
        name: .customLong("max-deliveries"), parsing: .unconditional,
        help: ArgumentHelp(
            "An entry delivered more often than this (its workers crashed on it, or it failed transiently every "
                + "time) is not fetched again: it goes to KEY:dead and gets a record with error poisoned "
                + "(1 to 1000000, default 3).",
            valueName: "N"))
    var maxDeliveries = 3

    @Flag(help: "Keep waiting for new entries once the queue is empty, until Ctrl-C or SIGTERM.")
    var follow = false

    static let claimIdleRange = OptionRange<Double>(
        option: "--claim-idle", range: 0.05...Double(OptionRange<Double>.longestSeconds),
        bounds: "0.05 and \(OptionRange<Double>.longestSeconds) seconds")
    static let maxDeliveriesRange = OptionRange.integer("--max-deliveries", 1...1_000_000)

    func validate() throws {
        try Self.claimIdleRange.check(claimIdle)
        try Self.maxDeliveriesRange.check(maxDeliveries)
        if let consumer, consumer.isEmpty || consumer.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("--consumer must be a name without spaces")
        }
        guard queue.url == nil else { return }
        let given = [
            consumer != nil ? "--consumer" : nil, claimIdle != nil ? "--claim-idle" : nil,
            maxDeliveries != 3 ? "--max-deliveries" : nil, follow ? "--follow" : nil,
            queue.key != "cfetch" ? "--queue-key" : nil,
        ].compactMap { $0 }
        if let first = given.first { throw ValidationError("\(first) needs --queue redis://…") }
    }

    /// The worker's settings; nil without `--queue`.
    func settings(transfer options: FetchOptions) throws(ValidationError) -> QueueWorkerSettings? {
        guard queue.url != nil else { return nil }
        let url = try queue.requiredURL(for: "fetch --queue")
        let idle =
            claimIdle.map { Duration.milliseconds(Int64(($0 * 1000).rounded(.up))) }
            ?? QueueWorkerSettings.defaultClaimIdle(
                maxTime: options.maxTime, retries: options.retries, retryMaxDelay: options.retryMaxDelay)
        return QueueWorkerSettings(
            url: url, keys: queue.keys, consumer: consumer ?? Self.defaultConsumer, claimIdle: idle,
            maxDeliveries: maxDeliveries, follow: follow)
    }

    /// `HOSTNAME-PID`: unique among live workers, and says where each one runs.
    static var defaultConsumer: String {
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "cfetch"
        return "\(host.isEmpty ? "cfetch" : host)-\(getpid())"
    }
}
