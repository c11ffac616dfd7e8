import FetchQueue
import FetchTestServer
import Foundation
import RedisTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Queue mode end to end: the real binary, a private redis-server, the test server.
/// `cfetch enqueue` fills the stream; `cfetch fetch --queue` workers drain it.
@Suite("Queue mode (Redis Streams)", .serialized, .timeLimit(.minutes(3)))
struct QueueModeTests {
    /// Enqueues `urls` and checks the summary line.
    private func enqueue(_ urls: [String], queue: QueueProbe, in directory: TemporaryDirectory) async throws {
        let list = try directory.writeList(urls, name: "queue-\(urls.count).txt")
        let result = try await CFetchBinary.run(["enqueue"] + queue.options + [list], timeout: .seconds(60))
        #expect(result.exited(0), "\(result)")
        #expect(result.stderrLines.last?.hasPrefix("cfetch: enqueued \(urls.count) URLs on ") == true, "\(result)")
    }

    private func worker(_ queue: QueueProbe, _ extra: [String]) throws -> ChildProcess {
        try CFetchBinary.start(["fetch"] + queue.options + ["--format", "jsonl"] + extra)
    }

    @Test("three workers of three strategies drain 20,000 URLs: each index once in their stdout and in the results")
    func threeWorkersDrainTheQueue() async throws {
        try await withServer { server in
            try await withQueue { _, queue in
                try await withTemporaryDirectory { directory in
                    let count = 20_000
                    try await enqueue((0..<count).map { server.url("/bytes/16?i=\($0)") }, queue: queue, in: directory)
                    let strategies = ["callback", "green", "blocking"]
                    let workers = try strategies.map { strategy in
                        try worker(queue, ["--strategy", strategy, "-j", "16", "--consumer", "w-\(strategy)"])
                    }
                    var fetched: [Int] = []
                    for (strategy, child) in zip(strategies, workers) {
                        let result = try await child.wait(timeout: .seconds(150))
                        #expect(result.exited(0), "\(strategy): \(result.stderrText)")
                        let records = try JSONRecord.parseLines(result.stdoutText)
                        #expect(records.allSatisfy { $0.ok == true && $0.consumer == "w-\(strategy)" })
                        #expect(records.allSatisfy { $0.queueID?.contains("-") == true })
                        fetched += records.compactMap(\.index)
                    }
                    #expect(fetched.sorted() == Array(0..<count), "every index once in the workers' stdout")
                    let results = try await queue.results()
                    #expect(results.compactMap(\.index).sorted() == Array(0..<count), "every index once in the results")
                    #expect(try await queue.openEntries() == 0, "the queue is drained")
                    #expect(server.requestCount == count)

                    let status = try await CFetchBinary.run(["queue", "status", "--format", "json"] + queue.options)
                    #expect(status.exited(0), "\(status)")
                    let object = try #require(
                        try JSONSerialization.jsonObject(with: Data(status.stdoutText.utf8)) as? [String: Any])
                    #expect(object["enqueued"] as? Int == count)
                    #expect(object["done"] as? Int == count)
                    #expect(object["waiting"] as? Int == 0)
                    #expect(object["pending"] as? Int == 0)

                    let collected = try await CFetchBinary.run(
                        ["queue", "results"] + queue.options, timeout: .seconds(60))
                    #expect(collected.exited(0))
                    let lines = try JSONRecord.parseLines(collected.stdoutText)
                    #expect(lines.compactMap(\.index).sorted() == Array(0..<count))
                }
            }
        }
    }

    @Test("a worker killed with SIGKILL: another takes its entries after --claim-idle, and every index ends ok")
    func killedWorkerIsRecovered() async throws {
        try await withServer { server in
            try await withQueue { _, queue in
                try await withTemporaryDirectory { directory in
                    let count = 300
                    try await enqueue((0..<count).map { server.url("/delay/100?i=\($0)") }, queue: queue, in: directory)
                    let doomed = try worker(queue, ["-j", "20", "--consumer", "doomed", "--claim-idle", "1"])
                    _ = try await doomed.waitForStdoutLines(40, timeout: .seconds(30))
                    doomed.send(SIGKILL)
                    let killed = try await doomed.wait(timeout: .seconds(10))
                    #expect(killed.signalled)
                    let survivor = try worker(queue, ["-j", "20", "--consumer", "survivor", "--claim-idle", "1"])
                    let result = try await survivor.wait(timeout: .seconds(60))
                    #expect(result.exited(0), "\(result.stderrText)")

                    let results = try await queue.results()
                    let okIndexes = Set(results.filter { $0.ok == true }.compactMap(\.index))
                    #expect(okIndexes == Set(0..<count), "every index has an ok result")
                    let written =
                        try JSONRecord.parseLines(killed.stdoutText).compactMap(\.index)
                        + JSONRecord.parseLines(result.stdoutText).compactMap(\.index)
                    let repeats = written.count - Set(written).count
                    #expect(Set(written) == Set(0..<count))
                    #expect(repeats <= 20, "at most the killed worker's in-flight URLs are fetched twice: \(repeats)")
                    #expect(results.contains { $0.consumer == "survivor" })
                    #expect(try await queue.openEntries() == 0)
                }
            }
        }
    }

    @Test("Redis restarted mid-run (append-only file on): the workers reconnect and finish the queue")
    func redisRestart() async throws {
        try await withServer { server in
            try await withQueue(persistent: true) { redis, queue in
                try await withTemporaryDirectory { directory in
                    let count = 1200
                    try await enqueue((0..<count).map { server.url("/delay/40?i=\($0)") }, queue: queue, in: directory)
                    let workers = try (0..<2).map { try worker(queue, ["-j", "10", "--consumer", "r\($0)"]) }
                    // Both connected and fetching before Redis goes: a worker that cannot reach
                    // Redis at start-up stops at once (exit 2), by design.
                    for child in workers { _ = try await child.waitForStdoutLines(10, timeout: .seconds(30)) }
                    try await onOwnThread { redis.stop() }
                    try await Task.sleep(for: .milliseconds(700))
                    try await onOwnThread { try redis.start() }
                    var written: [Int] = []
                    for child in workers {
                        let result: ChildProcess.Result
                        do {
                            result = try await child.wait(timeout: .seconds(90))
                        } catch {
                            Issue.record("a worker did not finish; the queue then:\n\(await queue.describe())")
                            throw error
                        }
                        #expect(result.exited(0), "\(result.stderrText)")
                        #expect(result.stderrText.contains("lost Redis at"), "\(result.stderrText)")
                        #expect(result.stderrText.contains("is back"), "\(result.stderrText)")
                        written += try JSONRecord.parseLines(result.stdoutText).compactMap(\.index)
                    }
                    #expect(Set(written) == Set(0..<count))
                    let results = try await queue.results()
                    #expect(Set(results.compactMap(\.index)) == Set(0..<count))
                    #expect(try await queue.openEntries() == 0)
                }
            }
        }
    }

    @Test("a URL the server resets every time goes to KEY:dead after --max-deliveries, with a poisoned record")
    func poisonedURLGoesToDeadLetters() async throws {
        try await withServer { server in
            try await withQueue { _, queue in
                try await withTemporaryDirectory { directory in
                    let urls = [server.url("/bytes/5"), server.url("/reset"), server.url("/bytes/7")]
                    try await enqueue(urls, queue: queue, in: directory)
                    let child = try worker(queue, ["-j", "2", "--max-deliveries", "2"])
                    let result = try await child.wait(timeout: .seconds(60))
                    #expect(result.exited(1), "\(result)")
                    let records = try JSONRecord.parseLines(result.stdoutText)
                    let resets = records.filter { $0.index == 1 }
                    #expect(resets.map(\.error) == ["reset", "reset", "poisoned"], "\(resets)")
                    let poisoned = try #require(resets.last)
                    #expect(poisoned.message?.contains("more than --max-deliveries 2") == true, "\(poisoned)")
                    #expect(poisoned.url == urls[1])

                    let dead = try await queue.entries("\(queue.key):dead")
                    #expect(dead.count == 1)
                    #expect(dead.first?["index"] == "1")
                    #expect(dead.first?["error"]?.hasPrefix("reset") == true, "\(dead)")
                    let results = try await queue.results()
                    #expect(results.count == 3)
                    #expect(results.first { $0.index == 1 }?.error == "poisoned")
                    #expect(result.stderrLines.last?.contains("1 poisoned") == true, "\(result.stderrText)")
                }
            }
        }
    }

    @Test("SIGTERM: the worker exits 143, leaves what it had not fetched pending, and another worker finishes it")
    func terminatedWorkerLeavesTheRestPending() async throws {
        try await withServer { server in
            try await withQueue { _, queue in
                try await withTemporaryDirectory { directory in
                    let count = 120
                    try await enqueue((0..<count).map { server.url("/delay/300?i=\($0)") }, queue: queue, in: directory)
                    let first = try worker(queue, ["-j", "10", "--consumer", "first"])
                    _ = try await first.waitForStdoutLines(10, timeout: .seconds(30))
                    first.send(SIGTERM)
                    let stopped = try await first.wait(timeout: .seconds(20))
                    #expect(stopped.exited(143), "\(stopped)")
                    #expect(
                        stopped.stderrLines.last?.contains("entries left pending for the other workers") == true,
                        "\(stopped.stderrText)")
                    let second = try worker(queue, ["-j", "20", "--consumer", "second", "--claim-idle", "0.5"])
                    let result = try await second.wait(timeout: .seconds(60))
                    #expect(result.exited(0), "\(result.stderrText)")
                    let results = try await queue.results()
                    #expect(Set(results.compactMap(\.index)) == Set(0..<count))
                    #expect(results.allSatisfy { $0.ok == true }, "no cancelled record is settled")
                }
            }
        }
    }

    @Test("--follow waits on an empty queue for new entries; a password in --queue is hidden from ps")
    func followWaitsForNewEntries() async throws {
        let password = "s3cret-redis"
        try await withServer { server in
            try await withRedisServer(password: password) { redis in
                let options = ["--queue", "redis://:\(password)@127.0.0.1:\(redis.port)", "--queue-key", "f"]
                let follower = try CFetchBinary.start(["fetch", "--follow", "--format", "jsonl"] + options)
                // Nothing to do yet: it waits in XREADGROUP on the empty stream rather than exits.
                let probe = QueueProbe(url: redis.url(), key: "f")
                let deadline = ContinuousClock.now + .seconds(15)
                while try await probe.command(["CLIENT", "LIST"]).string?.contains("cmd=xreadgroup") != true {
                    try #require(ContinuousClock.now < deadline, "the follower never read the stream")
                    try await Task.sleep(for: .milliseconds(20))
                }
                let commandLine = try String(contentsOfFile: "/proc/\(follower.pid)/cmdline", encoding: .utf8)
                #expect(commandLine.contains("redis://:"), "\(commandLine)")
                #expect(!commandLine.contains(password), "\(commandLine)")
                let urls = (0..<5).map { server.url("/bytes/3?i=\($0)") }
                let enqueue = try await CFetchBinary.run(["enqueue"] + options + urls)
                #expect(enqueue.exited(0), "\(enqueue)")
                _ = try await follower.waitForStdoutLines(5, timeout: .seconds(20))
                follower.send(SIGTERM)
                let result = try await follower.wait(timeout: .seconds(20))
                #expect(result.exited(143), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                #expect(records.compactMap(\.index).sorted() == [0, 1, 2, 3, 4])
                #expect(records.allSatisfy { $0.ok == true })
                #expect(!result.stderrText.contains(password))
                let status = try await CFetchBinary.run(["queue", "status"] + options)
                #expect(status.stdoutText.contains("done      5"), "\(status)")
                #expect(status.stdoutText.contains("redis://:***@127.0.0.1"), "\(status)")
            }
        }
    }

    @Test("enqueue skips URLs the queue has seen, --allow-duplicates does not; indexes go on")
    func enqueueDeduplicates() async throws {
        try await withQueue { _, queue in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(
                    ["# two lists", "http://a.test/1", "", "http://a.test/2", "http://a.test/1"])
                let first = try await CFetchBinary.run(["enqueue"] + queue.options + [list])
                #expect(first.exited(0), "\(first)")
                #expect(first.stderrLines.last?.hasPrefix("cfetch: enqueued 2 URLs on redis://127.0.0.1:") == true)
                #expect(first.stderrLines.last?.contains("(1 duplicate skipped; indexes 0–2)") == true, "\(first)")
                let again = try await CFetchBinary.run(["enqueue"] + queue.options + [list, "http://a.test/3"])
                #expect(again.stderrLines.last?.contains("enqueued 1 URL on") == true, "\(again)")
                #expect(again.stderrLines.last?.contains("(3 duplicates skipped; indexes 3–6)") == true, "\(again)")
                let forced = try await CFetchBinary.run(["enqueue", "--allow-duplicates"] + queue.options + [list])
                #expect(forced.stderrLines.last?.contains("enqueued 3 URLs on") == true, "\(forced)")
                let entries = try await queue.entries(queue.key)
                #expect(entries.compactMap { $0["index"] } == ["0", "1", "6", "7", "8", "9"], "\(entries)")
                #expect(entries.map { $0["line"] ?? "" }.first == "http://a.test/1")
            }
        }
    }

    @Test("queue results keeps each index's last record (--all: every one); status of a queue that is not there")
    func resultsAndStatusReadBack() async throws {
        try await withQueue { _, queue in
            let results = "\(queue.key):results"
            func record(_ index: Int, _ queueID: String, _ ok: Bool) -> String {
                #"{"index":\#(index),"ok":\#(ok),"queue_id":"\#(queueID)"}"#
            }
            // Two records in one entry, as the settler writes them; then one entry of one record.
            _ = try await queue.command([
                "XADD", results, "*", "consumer", "w", "count", "2", "indexes", "0,1", "queue_ids", "1-0,2-0",
                "records", record(0, "1-0", false) + "\n" + record(1, "2-0", true) + "\n",
            ])
            _ = try await queue.command([
                "XADD", results, "*", "index", "0", "queue_id", "3-0", "consumer", "w", "record",
                record(0, "3-0", true),
            ])
            let last = try await CFetchBinary.run(["queue", "results"] + queue.options)
            #expect(last.exited(0), "\(last)")
            #expect(
                last.stdoutLines == [
                    #"{"index":1,"ok":true,"queue_id":"2-0"}"#, #"{"index":0,"ok":true,"queue_id":"3-0"}"#,
                ], "\(last)")
            let all = try await CFetchBinary.run(["queue", "results", "--all"] + queue.options)
            #expect(all.stdoutLines.count == 3, "\(all)")

            let missing = try await CFetchBinary.run(
                ["queue", "status"] + QueueProbe(url: queue.url, key: "nothing").options)
            #expect(missing.exited(0), "\(missing)")
            #expect(missing.stdoutText.contains("no such queue"), "\(missing)")
            let json = try await CFetchBinary.run(
                ["queue", "status", "--format", "json"] + QueueProbe(url: queue.url, key: "nothing").options)
            #expect(json.stdoutText.contains(#""exists":false"#), "\(json)")
        }
    }

    @Test("usage errors: one line, exit 2")
    func usageErrors() async throws {
        try await withQueue { _, queue in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(["http://a.test/"])
                let cases: [([String], String)] = [
                    (["fetch"] + queue.options + [list], "--queue takes the URLs from the queue"),
                    (["fetch", "--consumer", "me", list], "--consumer needs --queue"),
                    (["fetch", "--shard", "0/2"] + queue.options, "--shard does not go with --queue"),
                    (["fetch", "--keep-order"] + queue.options, "--keep-order does not go with --queue"),
                    (["fetch", "--queue", "http://x"], "invalid Redis URL"),
                    (["fetch", "--max-deliveries", "0"] + queue.options, "--max-deliveries must be between 1"),
                    (["enqueue", list], "enqueue needs --queue"),
                    (["queue", "status"], "queue status needs --queue"),
                    (
                        ["fetch", "--queue", "redis://127.0.0.1:1"],
                        "cannot use the queue: connecting to redis://127.0.0.1:1/0"
                    ),
                ]
                for (arguments, message) in cases {
                    let result = try await CFetchBinary.run(arguments)
                    #expect(result.exited(2), "\(arguments): \(result)")
                    #expect(result.stderrLines.count == 1, "\(arguments): \(result)")
                    #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
                }
            }
        }
    }
}
