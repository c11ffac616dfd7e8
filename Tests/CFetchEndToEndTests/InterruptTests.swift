import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C in the middle of a run. Serialized: the timing matters, so these do not
/// compete with each other for the CPU.
@Suite("SIGINT during a run", .serialized)
struct InterruptTests {
    struct Interrupted {
        var result: ChildProcess.Result
        var records: [JSONRecord]
        /// From SIGINT to the exit.
        var stopDelay: Duration
    }

    /// 40 × /delay/800 at -j 4, SIGINT once the first wave has finished and the second is
    /// in flight at the server.
    static func interruptRun(strategy: String) async throws -> Interrupted {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/delay/800"), count: 40))
                let child = try CFetchBinary.start(["--strategy", strategy, "-j", "4", "--format", "jsonl", list])
                // The first wave's four records are out and the second wave is at the server.
                try await child.waitForStdoutLines(4, timeout: .seconds(10))
                try await server.waitForActiveRequests(4, timeout: .seconds(10))
                let signalled = ContinuousClock.now
                child.send(SIGINT)
                let result = try await child.wait(timeout: .seconds(15))
                return Interrupted(
                    result: result,
                    records: try JSONRecord.parseLines(result.stdoutText),
                    stopDelay: ContinuousClock.now - signalled
                )
            }
        }
    }

    @Test("SIGINT: exit 130, finished records plus cancelled ones, nothing else", arguments: CFetchBinary.strategies)
    func interrupt(strategy: String) async throws {
        let run = try await Self.interruptRun(strategy: strategy)
        let result = run.result
        #expect(result.exited(130), "\(result)")
        let records = run.records
        #expect(!records.isEmpty && records.count < 40, "\(records.count) records: \(result)")
        let indexes = records.compactMap(\.index)
        #expect(Set(indexes).count == indexes.count, "an index twice: \(indexes.sorted())")
        var completed = 0
        var cancelled = 0
        for record in records {
            expectWellFormed(record, strategy: strategy, workers: 4)
            if record.ok == true {
                completed += 1
                #expect(record.status == 200, "\(record)")
            } else if record.error == "cancelled" {
                cancelled += 1
            } else {
                Issue.record("neither ok nor cancelled: \(record)")
            }
        }
        #expect(completed >= 1, "the first wave finished before the interrupt: \(result)")
        #expect(cancelled >= 1, "the wave in flight is cancelled: \(result)")
        #expect(cancelled <= 4, "at most -j transfers are in flight to cancel")
        // Nothing left unstarted gets a record: the queue is simply dropped.
        #expect(records.count <= completed + 4)
        #expect(run.stopDelay < .seconds(3), "took \(run.stopDelay) to stop after SIGINT")
        #expect(!result.stderrText.contains("Fatal error"), "\(result)")
    }

    static func expectCancelledMeansUnfinished(_ run: Interrupted) {
        for record in run.records where record.error == "cancelled" {
            // A /delay response has no head until its delay is over: a transfer really
            // stopped in flight has no status; one with a 200 and its body had finished.
            #expect(record.isNull("status"), "a finished transfer reported as cancelled: \(record)")
            #expect((record.double("elapsed") ?? 0) < 0.79, "ran its whole 0.8 s yet 'cancelled': \(record)")
        }
    }

    @Test(
        "a cancelled record is a transfer stopped in flight, not one that finished",
        arguments: CFetchBinary.strategies.filter { $0 != "blocking" }
    )
    func cancelledMeansUnfinished(strategy: String) async throws {
        Self.expectCancelledMeansUnfinished(try await Self.interruptRun(strategy: strategy))
    }

    @Test(
        "blocking: a cancelled record is a transfer stopped in flight, not one that finished"
    )
    func blockingCancelledMeansUnfinished() async throws {
        Self.expectCancelledMeansUnfinished(try await Self.interruptRun(strategy: "blocking"))
    }

    @Test("a second SIGINT quits at once, with status 130", arguments: CFetchBinary.strategies)
    func secondInterrupt(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/delay/5000"), count: 6))
                let child = try CFetchBinary.start(["--strategy", strategy, "-j", "4", list])
                // Wait until the transfers are really in flight at the server.
                try await server.waitForActiveRequests(4, timeout: .seconds(10))
                let signalled = ContinuousClock.now
                child.send(SIGINT)
                // The first has been taken in hand (it warns), then the second comes.
                try await child.waitForStderr(containing: "interrupted", timeout: .seconds(10))
                child.send(SIGINT)
                let result = try await child.wait(timeout: .seconds(10))
                #expect(result.exited(130), "\(result)")
                #expect(ContinuousClock.now - signalled < .seconds(2), "\(result)")
                // Whatever it printed before quitting is whole JSON lines.
                _ = try JSONRecord.parseLines(result.stdoutText)
            }
        }
    }
}
