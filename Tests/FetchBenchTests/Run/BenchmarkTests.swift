import FetchKit
import FetchTestServer
import Foundation
import Testing

@testable import FetchBench

@Suite("Benchmark runner")
struct BenchmarkTests {
    /// `/bin/true` stands in for cfetch: it takes any arguments, writes no records and
    /// exits 0, so a run is quick and needs no server.
    private static let standIn = "/bin/true"
    private static let urls = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]

    private static func plan(warmup: Int = 1) -> BenchPlan {
        BenchPlan(
            list: .generated(urls), workload: "two URLs", strategies: [.callback, .green], concurrency: 1,
            repeats: 2, warmup: warmup)
    }

    /// A new empty directory, removed after `body`.
    private func withDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory.path)
    }

    private static func contents(of directory: String) -> [String: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [String: String] = [:]
        for name in names {
            files[name] = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        }
        return files
    }

    @Test("a generated list is there for every child run, and removed when the benchmark ends")
    func generatedListIsRemoved() async throws {
        try await withDirectory { directory in
            let plan = Self.plan()
            let (seen, comparison) = try await onOwnThread { () throws -> ([[String: String]], BenchComparison) in
                var seen: [[String: String]] = []
                let benchmark = try Benchmark(plan: plan, executable: Self.standIn, temporaryDirectory: directory)
                let comparison = try benchmark.run { event in
                    if case .runStarting = event { seen.append(Self.contents(of: directory)) }
                }
                return (seen, comparison)
            }
            #expect(seen.count == plan.runCount)
            let list = "http://127.0.0.1:9/a\nhttp://127.0.0.1:9/b\n"
            #expect(seen.allSatisfy { $0 == ["cfetch-bench-\(getpid()).txt": list] }, "\(seen)")
            #expect(Self.contents(of: directory).isEmpty)
            #expect(comparison.strategies.map(\.strategy) == [.callback, .green])
            #expect(comparison.strategies.allSatisfy { $0.runs == 2 })
        }
    }

    @Test("the generated list is removed when a child run fails too")
    func removedOnFailure() async throws {
        try await withDirectory { directory in
            let plan = Self.plan()
            let failed = try await onOwnThread { () -> Bool in
                let benchmark = try Benchmark(
                    plan: plan, executable: "/nonexistent/cfetch", temporaryDirectory: directory)
                do {
                    _ = try benchmark.run()
                    return false
                } catch {
                    return error is SystemCallError
                }
            }
            #expect(failed)
            #expect(Self.contents(of: directory).isEmpty)
        }
    }

    @Test("progress: the strategies take turns, warm-ups first, each round starting one further on")
    func progressEvents() async throws {
        try await withDirectory { directory in
            let plan = Self.plan()
            let events = try await onOwnThread { () throws -> [String] in
                var events: [String] = []
                let benchmark = try Benchmark(plan: plan, executable: Self.standIn, temporaryDirectory: directory)
                _ = try benchmark.run { event in
                    switch event {
                    case .runStarting(let step): events.append(step.description)
                    case .runsFinished: events.append("finished")
                    case .planned(let runs, let leftOut): events.append("planned \(runs) \(leftOut)")
                    }
                }
                return events
            }
            #expect(
                events == [
                    "planned 6 []", "callback: warm-up 1/1", "green: warm-up 1/1", "callback: run 1/2",
                    "green: run 1/2",
                    "green: run 2/2", "callback: run 2/2", "finished",
                ])
        }
    }

    @Test("the representative run is the median by wall time")
    func representative() {
        let samples = [0.3, 0.1, 0.5, 0.2].enumerated().map { repetition, wall in
            BenchSample(
                strategy: .green, repetition: repetition, records: [], wall: wall, userCPU: 0, systemCPU: 0,
                peakRSSBytes: 0, peakThreads: 0, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0,
                exitStatus: 0)
        }
        #expect(StrategyRuns(contender: .strategy(.green), samples: samples).representative.wall == 0.3)
        #expect(
            StrategyRuns(contender: .strategy(.green), samples: Array(samples.prefix(3))).representative.wall == 0.3)
    }
}
