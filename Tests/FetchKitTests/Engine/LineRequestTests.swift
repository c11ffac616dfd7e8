import FetchTestServer
import Foundation
import Testing

@testable import FetchKit

/// A JSONL line's own method, headers and body (`FetchJob.lineRequest`), sent by every
/// strategy the same way, for that one transfer: the next transfer on the same handle sends
/// the run's request again.
@Suite("Per-line requests")
struct LineRequestTests {
    /// The records of `jobs`, run by one worker: every transfer after the first runs on a
    /// handle an earlier one used.
    private func run(_ jobs: [FetchJob], strategy: StrategyKind, options: FetchOptions) async throws -> [FetchRecord] {
        let plan = try TransferPlan(options: options)
        return try await onOwnThread {
            let queue = WorkQueue(capacity: jobs.count)
            for job in jobs { queue.push(job) }
            queue.close()
            let collected = FetchHarness.RecordCollector()
            let context = RunContext(
                jobs: queue, plan: plan, workers: 1, strategy: strategy, runStart: MonotonicClock.now(),
                cancellation: RunCancellation(), emit: collected.add)
            try strategy.implementation(greenStackSize: RunConfiguration.defaultGreenStackSize).run(context)
            return FetchHarness.byIndex(collected.records)
        }
    }

    /// What `/echo` saw for each job, by index.
    private func echoes(
        of jobs: [FetchJob], strategy: StrategyKind, options: FetchOptions
    ) async throws -> [Int: [String: Any]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cfetch-line-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = options
        options.outputDirectory = directory
        var echoes: [Int: [String: Any]] = [:]
        for record in try await run(jobs, strategy: strategy, options: options) {
            let path = try #require(record.path, "job \(record.index): \(record.message ?? "no body")")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            echoes[record.index] = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
        return echoes
    }

    private func job(_ index: Int, _ url: String, _ line: LineRequest? = nil) -> FetchJob {
        var job = FetchJob(index: index, line: url)
        job.lineRequest = line
        return job
    }

    @Test(
        "a line's method, headers and body are its own; the next transfer sends the run's",
        arguments: StrategyKind.allCases)
    func overridesThenRestores(strategy: StrategyKind) async throws {
        try await withServer { server in
            let url = server.url("/echo")
            var options = FetchOptions()
            options.headers = ["X-Run: 1", "X-Which: run"]
            options.request.body = RequestBody(Array("run-body".utf8))
            let jobs = [
                job(
                    0, url,
                    LineRequest(
                        id: "\"a\"", method: "PUT", headers: ["x-which: line", "X-New: yes"],
                        body: Array("line-body".utf8))),
                job(1, url),
                job(2, url, LineRequest(id: nil, method: "DELETE", headers: [], body: nil)),
                job(3, url, LineRequest(id: nil, method: nil, headers: ["X-New: again"], body: [])),
                job(4, url),
            ]
            let seen = try await echoes(of: jobs, strategy: strategy, options: options)
            func headers(_ index: Int) -> [String: String] { seen[index]?["headers"] as? [String: String] ?? [:] }
            #expect(seen.count == 5)

            #expect(seen[0]?["method"] as? String == "PUT")
            #expect(seen[0]?["body"] as? String == "line-body")
            #expect(headers(0)["x-which"] == "line")
            #expect(headers(0)["x-run"] == "1")
            #expect(headers(0)["x-new"] == "yes")

            for plain in [1, 4] {
                #expect(seen[plain]?["method"] as? String == "POST")
                #expect(seen[plain]?["body"] as? String == "run-body")
                #expect(headers(plain)["x-which"] == "run")
                #expect(headers(plain)["x-new"] == nil)
            }

            #expect(seen[2]?["method"] as? String == "DELETE")
            #expect(seen[2]?["body"] as? String == "run-body")
            #expect(headers(2)["x-which"] == "run")

            // An empty body is a body: POST with Content-Length 0.
            #expect(seen[3]?["method"] as? String == "POST")
            #expect(seen[3]?["body_bytes"] as? Int == 0)
            #expect(headers(3)["content-length"] == "0")
            #expect(headers(3)["x-new"] == "again")
        }
    }

    @Test("a line's method over -I, and HEAD again after it", arguments: StrategyKind.allCases)
    func methodOverHead(strategy: StrategyKind) async throws {
        try await withServer { server in
            var options = FetchOptions()
            options.request.headOnly = true
            let jobs = [
                job(0, server.url("/bytes/100"), LineRequest(id: nil, method: "GET", headers: [], body: nil)),
                job(1, server.url("/bytes/100")),
            ]
            let records = try await run(jobs, strategy: strategy, options: options)
            #expect(records.map(\.status) == [200, 200])
            #expect(records.map(\.bytes) == [100, 0])
        }
    }

    @Test("a line's HEAD sends no body, whatever the run's", arguments: StrategyKind.allCases)
    func headDropsTheBody(strategy: StrategyKind) async throws {
        try await withServer { server in
            var options = FetchOptions()
            options.request.body = RequestBody(Array("run-body".utf8))
            options.maxTime = 10
            let jobs = [
                job(
                    0, server.url("/bytes/100"),
                    LineRequest(id: nil, method: "HEAD", headers: [], body: Array("x".utf8))),
                job(1, server.url("/bytes/100")),
            ]
            let records = try await run(jobs, strategy: strategy, options: options)
            #expect(records.map(\.status) == [200, 200], "\(records.map(\.message))")
            #expect(records.map(\.bytes) == [0, 100])
        }
    }

    @Test("robots.txt (a captured body) is a plain GET, whatever the run sends; the run's cookies go along")
    func capturedIsPlainGet() async throws {
        try await withServer { server in
            var options = FetchOptions()
            options.headers = ["X-Run: 1"]
            options.request.method = "PUT"
            options.request.body = RequestBody(Array("run-body".utf8))
            options.request.cookieHeader = "c=1"
            let engine = try FetchEngine(options: options, maxConnections: 2)
            defer { engine.shutdown() }
            let capture = BodyCapture(limit: 1 << 20)
            let request = FetchRequest(
                job: FetchJob(index: -1, line: server.url("/echo")), worker: 0, strategy: .callback,
                runStart: MonotonicClock.now(), takenAt: MonotonicClock.now())
            let record: FetchRecord = try await withCheckedThrowingContinuation { continuation in
                engine.fetch(request, capturingBodyIn: capture) { continuation.resume(returning: $0) }
            }
            #expect(record.status == 200)
            let echo = try #require(try JSONSerialization.jsonObject(with: Data(capture.bytes)) as? [String: Any])
            #expect(echo["method"] as? String == "GET")
            #expect(echo["body_bytes"] as? Int == 0)
            #expect((echo["headers"] as? [String: String])?["x-run"] == "1")
            #expect(echo["cookies"] as? [String: String] == ["c": "1"])
        }
    }
}
