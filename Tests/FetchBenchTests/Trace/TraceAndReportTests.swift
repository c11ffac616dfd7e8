import FetchKit
import Foundation
import Testing

@testable import FetchBench

@Suite("Chrome trace")
struct TraceAndReportTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).json").path
    }

    private func events(at path: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test("one complete event per record, with process and thread names")
    func completeEvents() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ChromeTraceWriter(path: path)
        let blocking = SyntheticRun.records(count: 50, workers: 4, strategy: .blocking)
        let green = SyntheticRun.records(count: 30, workers: 3, strategy: .green)
        writer.addProcess(id: 1, name: "blocking")
        writer.addProcess(id: 2, name: "green")
        for record in blocking { writer.add(record, process: 1) }
        for record in green { writer.add(record, process: 2) }
        try writer.finish()

        let all = try events(at: path)
        let complete = all.filter { $0["ph"] as? String == "X" }
        #expect(complete.count == blocking.count + green.count)
        for event in complete {
            #expect(event["ts"] is Int && event["dur"] is Int && event["pid"] is Int && event["tid"] is Int)
            #expect(event["name"] is String)
            #expect((event["dur"] as? Int ?? 0) >= 1)
        }
        let metadata = all.filter { $0["ph"] as? String == "M" }
        let processNames = metadata.filter { $0["name"] as? String == "process_name" }
        #expect(
            Set(processNames.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }) == [
                "blocking", "green",
            ]
        )
        let threads = metadata.filter { $0["name"] as? String == "thread_name" }
        #expect(threads.count == Set(blocking.map(\.worker)).count + Set(green.map(\.worker)).count)
        #expect(threads.contains { ($0["args"] as? [String: Any])?["name"] as? String == "worker 1" })
    }

    @Test("times in microseconds from the span; args carry the record's fields")
    func timesAndArgs() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var record = SyntheticRun.records(count: 1, workers: 1)[0]
        record.start = 1.5
        record.elapsed = 0.25
        record.phases.total = 0.25
        record.queued = 0.5
        var instant = record
        instant.index = 1
        instant.elapsed = 0
        instant.phases.total = 0
        instant.ok = false
        instant.status = nil
        instant.error = .invalidURL
        instant.httpVersion = nil
        let writer = try ChromeTraceWriter(path: path)
        writer.add(record, process: 7)
        writer.add(instant, process: 7)
        try writer.finish()

        let complete = try events(at: path).filter { $0["ph"] as? String == "X" }
        let first = try #require(complete.first { ($0["args"] as? [String: Any])?["index"] as? Int == 0 })
        #expect(first["ts"] as? Int == 1_500_000)
        #expect(first["dur"] as? Int == 250_000)
        #expect(first["pid"] as? Int == 7)
        #expect(first["cat"] as? String == "ok")
        let args = try #require(first["args"] as? [String: Any])
        #expect(args["status"] as? Int == 200)
        #expect(args["queued_s"] as? Double == 0.5)
        #expect(args["http_version"] as? String == "1.1")
        #expect(args["error"] is NSNull)
        let second = try #require(complete.first { ($0["args"] as? [String: Any])?["index"] as? Int == 1 })
        #expect(second["dur"] as? Int == 1)
        #expect(second["cat"] as? String == "invalid-url")
        #expect((second["args"] as? [String: Any])?["status"] is NSNull)
    }

    @Test("URLs and messages are JSON-escaped")
    func escaping() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var record = SyntheticRun.records(count: 1, workers: 1)[0]
        record.url = "http://h/a\"b\\c\nd\u{1}é"
        record.message = "tab\there \"quoted\""
        let writer = try ChromeTraceWriter(path: path)
        writer.addProcess(id: 1, name: "name \"with\" quotes")
        writer.add(record, process: 1)
        try writer.finish()

        let all = try events(at: path)
        let event = try #require(all.first { $0["ph"] as? String == "X" })
        #expect(event["name"] as? String == record.url)
        #expect((event["args"] as? [String: Any])?["message"] as? String == record.message)
        #expect(all.contains { ($0["args"] as? [String: Any])?["name"] as? String == "name \"with\" quotes" })
    }

    @Test("records added from many threads at once all arrive, in a valid file")
    func concurrentWriters() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ChromeTraceWriter(path: path)
        writer.addProcess(id: 1, name: "structured")
        let threads = 8
        let perThread = 2_500
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for record in SyntheticRun.records(count: perThread, workers: 16, seed: UInt64(thread)) {
                var record = record
                record.index = thread * perThread + record.index
                writer.add(record, process: 1)
            }
        }
        try writer.finish()

        let complete = try events(at: path).filter { $0["ph"] as? String == "X" }
        #expect(complete.count == threads * perThread)
        let indexes = Set(complete.compactMap { ($0["args"] as? [String: Any])?["index"] as? Int })
        #expect(indexes == Set(0..<threads * perThread))
    }

    @Test("finish twice, and add after finish, change nothing")
    func finishIsFinal() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ChromeTraceWriter(path: path)
        writer.add(SyntheticRun.records(count: 1, workers: 1)[0], process: 1)
        try writer.finish()
        writer.add(SyntheticRun.records(count: 1, workers: 1)[0], process: 1)
        try writer.finish()
        #expect(try events(at: path).filter { $0["ph"] as? String == "X" }.count == 1)
    }

    @Test("an unwritable path is a setup error naming it")
    func unwritable() {
        let path = "/nonexistent-cfetch-dir/trace.json"
        #expect {
            _ = try ChromeTraceWriter(path: path)
        } throws: { error in
            (error as? SystemCallError)?.description.hasPrefix("cannot write \(path): ") == true
        }
    }
}
