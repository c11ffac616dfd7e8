import FetchQueue
import FetchTestServer
import Foundation
import RedisTestSupport
import Testing

/// A million URL lines enqueued, timed, with the memory it takes on both sides: a
/// measurement, not a check, so it runs only when asked for
/// (`CFETCH_MEASURE_ENQUEUE=1 swift test --filter EnqueueMeasurementTests`), and asserts
/// nothing about time.
@Suite(
    "Enqueue measurement", .timeLimit(.minutes(5)),
    .enabled(if: ProcessInfo.processInfo.environment["CFETCH_MEASURE_ENQUEUE"] == "1"))
struct EnqueueMeasurementTests {
    @Test("1,000,000 URL lines, de-duplicated, in batches pipelined several at a time")
    func million() async throws {
        try await withRedisServer { server in
            let report = try await withConnection(to: server.url(), commandTimeout: .seconds(30)) { connection in
                var report: [String] = []
                for (batchSize, batchesPerCall) in [(1000, 1), (1000, 10), (2000, 5), (500, 20)] {
                    _ = try connection.command(["FLUSHALL"])
                    _ = try connection.command(["CONFIG", "RESETSTAT"])
                    let enqueuer = StreamEnqueuer(connection: connection, keys: QueueKeys(name: "cfetch"))
                    let total = 1_000_000
                    let baseline = Self.residentKilobytes()
                    var peak = baseline
                    var added = 0
                    let start = ContinuousClock.now
                    var next = 0
                    while next < total {
                        var batches: [[EnqueueLine]] = []
                        for _ in 0..<batchesPerCall where next < total {
                            let count = min(batchSize, total - next)
                            batches.append(
                                (next..<next + count).map { number in
                                    let url = "https://example.com/some/path/\(number)"
                                    return EnqueueLine(line: url, format: .url, dedupKey: url)
                                })
                            next += count
                        }
                        added += try enqueuer.add(batches: batches).added
                        peak = max(peak, Self.residentKilobytes())
                    }
                    let elapsed = ContinuousClock.now - start
                    #expect(added == total)
                    let info = try connection.command(["INFO", "memory"]).string ?? ""
                    let stats = try connection.command(["INFO", "commandstats"]).string ?? ""
                    let scriptLine = stats.split(whereSeparator: \.isNewline).first { $0.hasPrefix("cmdstat_evalsha:") }
                    let serverMicroseconds =
                        scriptLine.flatMap { line in
                            line.split(separator: ",").first { $0.hasPrefix("usec=") }.flatMap { Int($0.dropFirst(5)) }
                        } ?? 0
                    let stream = try connection.command(["MEMORY", "USAGE", "cfetch"]).integer ?? 0
                    let seen = try connection.command(["MEMORY", "USAGE", "cfetch:seen", "SAMPLES", "0"]).integer ?? 0
                    report.append(
                        "batches of \(batchSize), \(batchesPerCall) per round trip: \(elapsed) "
                            + "(the scripts ran \(serverMicroseconds / 1000) ms in Redis); "
                            + "client RSS +\((peak - baseline) / 1024) MB; redis used_memory "
                            + "\(Self.field("used_memory", in: info) / 1_048_576) MB, "
                            + "RSS \(Self.field("used_memory_rss", in: info) / 1_048_576) MB "
                            + "(stream \(stream / 1_048_576) MB, seen set \(seen / 1_048_576) MB)")
                }
                return report
            }
            for line in report { print(line) }
        }
    }

    /// This process's resident set (VmRSS), in kB.
    static func residentKilobytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// A number from `INFO`'s `name:value` lines.
    static func field(_ name: String, in info: String) -> Int {
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix(name + ":") } ?? ""
        return Int(line.dropFirst(name.count + 1)) ?? 0
    }
}
