import FetchKit
import FetchTestServer
import Foundation
import Testing

@testable import FetchBench

#if canImport(Glibc)
import Glibc
#endif

/// Stopping a benchmark part-way (Ctrl-C, SIGTERM): the strategies measured are kept, the
/// run in progress is discarded and its child stopped, nothing else starts, and the
/// temporary list goes however the process ends.
@Suite("Benchmark: stopped part-way")
struct BenchCancellationTests {
    private static let urls = ["http://127.0.0.1:9/a"]

    private static func plan(reportPath: String? = nil) -> BenchPlan {
        BenchPlan(
            list: .generated(urls), workload: "one URL", strategies: [.callback, .green, .future], concurrency: 1,
            repeats: 2, warmup: 0, reportPath: reportPath)
    }

    private func withDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory.path)
    }

    @Test("a stop during green's second run: the rounds before kept, green's run discarded, nothing more started")
    func stopDuringARun() async throws {
        try await withDirectory { directory in
            let (events, comparison) = try await onOwnThread { () throws -> ([String], BenchComparison) in
                let cancellation = BenchCancellation()
                var events: [String] = []
                let benchmark = try Benchmark(plan: Self.plan(), executable: "/bin/true", temporaryDirectory: directory)
                let comparison = try benchmark.run(cancellation: cancellation) { event in
                    guard case .runStarting(let step) = event else { return }
                    events.append(step.description)
                    if step.contender == .strategy(.green) && step.number == 2 { cancellation.cancel(signal: SIGINT) }
                }
                return (events, comparison)
            }
            // Round 2 starts one further on: green, future, callback.
            #expect(events == ["callback: run 1/2", "green: run 1/2", "future: run 1/2", "green: run 2/2"])
            #expect(comparison.strategies.map(\.strategy) == [.callback, .green, .future])
            #expect(comparison.strategies.map(\.runs) == [1, 1, 1])
            #expect(
                comparison.incomplete
                    == "interrupted during green, run 2 of 2; measured: callback (1 run), green (1 run), future (1 run)"
            )
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        }
    }

    @Test("the child run in progress gets the signal: a child that would run for a minute ends at once")
    func childIsSignalled() async throws {
        try await withDirectory { directory in
            let started = directory + "/started"
            let standIn = directory + "/slow-cfetch"
            try "#!/bin/sh\ntouch '\(started)'\nexec sleep 60\n".write(
                toFile: standIn, atomically: true, encoding: .utf8)
            chmod(standIn, 0o755)
            let cancellation = BenchCancellation()
            let plan = Self.plan()
            async let comparison = onOwnThread { () throws -> BenchComparison in
                try Benchmark(plan: plan, executable: standIn, temporaryDirectory: directory)
                    .run(cancellation: cancellation)
            }
            #expect(await eventually { FileManager.default.fileExists(atPath: started) })
            let signalled = ContinuousClock.now
            cancellation.cancel(signal: SIGTERM)
            let result = try await comparison
            #expect(ContinuousClock.now - signalled < .seconds(10))
            #expect(result.strategies.isEmpty)
            #expect(result.incomplete == "interrupted during callback, run 1 of 2; no strategy measured")
        }
    }

    @Test("a report path that cannot be written fails before any run")
    func reportPathCheckedFirst() async throws {
        try await withDirectory { directory in
            for path in ["/nonexistent/dir/report.html", directory, ""] {
                let (error, runs) = try await onOwnThread { () throws -> ((any Error)?, Int) in
                    var runs = 0
                    let benchmark = try Benchmark(
                        plan: Self.plan(reportPath: path), executable: "/bin/true", temporaryDirectory: directory)
                    do {
                        _ = try benchmark.run { event in if case .runStarting = event { runs += 1 } }
                        return (nil, runs)
                    } catch {
                        return (error, runs)
                    }
                }
                #expect(error is UsageError, "\(path): \(String(describing: error))")
                #expect("\(error.map { "\($0)" } ?? "")".hasPrefix("--report"), "\(String(describing: error))")
                #expect(runs == 0)
            }
        }
    }

    @Test("abandon (a second signal, then _exit) removes the temporary list")
    func abandonRemovesTheList() async throws {
        try await withDirectory { directory in
            let cancellation = BenchCancellation()
            let file = try TemporaryListFile(urls: Self.urls, directory: directory, cancellation: cancellation)
            #expect(FileManager.default.fileExists(atPath: file.path))
            cancellation.abandon(signal: 0)
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }
}
