import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT (Ctrl-C) and SIGTERM in the middle of a run. Serialized: the timing matters, so
/// these do not compete with each other for the CPU.
@Suite("SIGINT and SIGTERM during a run", .serialized)
struct InterruptTests {
    /// The summary line of a stopped run: the records made (one per input line read),
    /// how it ended, and what it says was not read.
    struct StoppedSummary {
        var read: Int
        var ending: String
        var unread: String?
    }

    static func stoppedSummary(_ result: ChildProcess.Result) throws -> StoppedSummary {
        let pattern = try Regex(#"^cfetch: (\d+) URLs: .*, (interrupted|terminated)(?:; (.+ not read.*))?$"#)
        let line = try #require(result.stderrLines.last, "\(result)")
        let match = try #require(line.wholeMatch(of: pattern), "\(result)")
        return StoppedSummary(
            read: Int(match.output[1].substring ?? "") ?? -1, ending: String(match.output[2].substring ?? ""),
            unread: match.output[3].substring.map(String.init))
    }

    /// The lines the summary counts as not read, when it could count them.
    /// Bytes written to a pipe or FIFO and not read yet.
    static func bytesWaiting(in fd: Int32) -> Int {
        var count: Int32 = 0
        return ioctl(fd, UInt(FIONREAD), &count) == 0 ? Int(count) : 0
    }

    /// The pipe `fd` reads from holds at least 16 KiB and has stopped growing (the same
    /// count for 300 ms): its writer is blocked. False if that never happens within 10 s.
    static func stopsFilling(_ fd: Int32) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        var last = -1
        var unchangedSince = ContinuousClock.now
        while ContinuousClock.now < deadline {
            let waiting = bytesWaiting(in: fd)
            if waiting != last {
                last = waiting
                unchangedSince = ContinuousClock.now
            } else if waiting >= 16 * 1024 && ContinuousClock.now - unchangedSince >= .milliseconds(300) {
                return true
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// SIGINT once four transfers are at the server: exit 130, and one record for each line
    /// read, as the summary counts them, indexes 0 up.
    static func interruptWithFourInFlight(
        _ child: ChildProcess, server: TestServer
    ) async throws -> (ChildProcess.Result, [JSONRecord], StoppedSummary) {
        try await server.waitForActiveRequests(4, timeout: .seconds(10))
        child.send(SIGINT)
        let result = try await child.wait(timeout: .seconds(20))
        #expect(result.exited(130), "\(result)")
        let records = try JSONRecord.parseLines(result.stdoutText)
        let summary = try stoppedSummary(result)
        #expect(records.count == summary.read, "\(result)")
        expectIndexesCover(records, count: records.count)
        return (result, records, summary)
    }

    static func unreadLines(_ summary: StoppedSummary) throws -> Int {
        guard let unread = summary.unread else { return 0 }
        let counted = try #require(unread.wholeMatch(of: try Regex(#"(\d+) input lines? not read"#)), "\(unread)")
        return Int(counted.output[1].substring ?? "") ?? -1
    }

    struct Interrupted {
        var result: ChildProcess.Result
        var records: [JSONRecord]
        /// From SIGINT to the exit.
        var stopDelay: Duration
    }

    /// 40 × /delay/800 at -j 4, SIGINT once the first wave has finished and the second is
    /// in flight at the server.
    static func interruptRun(strategy: String, signal: Int32 = SIGINT) async throws -> Interrupted {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/delay/800"), count: 40))
                let child = try CFetchBinary.start(["--strategy", strategy, "-j", "4", "--format", "jsonl", list])
                // The first wave's four records are out and the second wave is at the server.
                try await child.waitForStdoutLines(4, timeout: .seconds(10))
                try await server.waitForActiveRequests(4, timeout: .seconds(10))
                let signalled = ContinuousClock.now
                child.send(signal)
                let result = try await child.wait(timeout: .seconds(15))
                return Interrupted(
                    result: result,
                    records: try JSONRecord.parseLines(result.stdoutText),
                    stopDelay: ContinuousClock.now - signalled
                )
            }
        }
    }

    @Test(
        "SIGINT: exit 130, finished records plus cancelled ones, one per line read", arguments: CFetchBinary.strategies)
    func interrupt(strategy: String) async throws {
        let run = try await Self.interruptRun(strategy: strategy)
        let result = run.result
        #expect(result.exited(130), "\(result)")
        #expect(
            result.stderrText.contains(
                "cfetch: warning: interrupted: cancelling transfers in flight (Ctrl-C again to quit at once)"),
            "\(result)")
        try Self.expectOneRecordPerLineRead(run, strategy: strategy, ending: "interrupted")
    }

    @Test("SIGTERM: the same clean stop, its own words, exit 143", arguments: CFetchBinary.strategies)
    func terminate(strategy: String) async throws {
        let run = try await Self.interruptRun(strategy: strategy, signal: SIGTERM)
        let result = run.result
        #expect(result.exited(143), "\(result)")
        #expect(
            result.stderrText.contains(
                "cfetch: warning: terminated (SIGTERM): cancelling transfers in flight (again to quit at once)"),
            "\(result)")
        #expect(!result.stderrText.contains("Ctrl-C"), "\(result)")
        try Self.expectOneRecordPerLineRead(run, strategy: strategy, ending: "terminated")
    }

    /// Every line taken from the input has exactly one record: the ones that finished,
    /// the ones stopped in flight, and the ones still queued (cancelled, never attempted);
    /// and what was read plus what was not is the whole list.
    static func expectOneRecordPerLineRead(_ run: Interrupted, strategy: String, ending: String) throws {
        let result = run.result
        let summary = try stoppedSummary(result)
        #expect(summary.ending == ending)
        let records = run.records
        #expect(records.count == summary.read, "\(records.count) records, summary says \(summary.read) read: \(result)")
        expectIndexesCover(records, count: records.count)
        #expect(summary.read + (try unreadLines(summary)) == 40, "\(result)")
        var completed = 0
        var stoppedInFlight = 0
        var neverStarted = 0
        for record in records {
            expectWellFormed(record, strategy: strategy, workers: 4)
            if record.ok == true {
                completed += 1
                #expect(record.status == 200, "\(record)")
            } else if record.error == "cancelled" {
                if record.int("attempts") == 0 { neverStarted += 1 } else { stoppedInFlight += 1 }
            } else {
                Issue.record("neither ok nor cancelled: \(record)")
            }
        }
        #expect(completed >= 1, "the first wave finished before the signal: \(result)")
        #expect(stoppedInFlight >= 1, "the wave in flight is cancelled: \(result)")
        #expect(stoppedInFlight <= 4, "at most -j transfers are in flight to cancel")
        #expect(neverStarted >= 1, "the lines still queued get their records: \(result)")
        #expect(run.stopDelay < .seconds(3), "took \(run.stopDelay) to stop after the signal")
        #expect(!result.stderrText.contains("Fatal error"), "\(result)")
    }

    @Test(
        "a list longer than the queue: the summary says how many lines were not read",
        arguments: CFetchBinary.strategies)
    func unreadLinesCounted(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // Far more lines than the work queue holds: the reader waits on it when stopped.
                let urls = Array(repeating: server.url("/delay/5000"), count: 3_000)
                let list = try directory.writeList(["# a comment, not counted"] + urls + [""])
                let child = try CFetchBinary.start(["--strategy", strategy, "-j", "4", "--format", "jsonl", list])
                let (result, _, summary) = try await Self.interruptWithFourInFlight(child, server: server)
                let unread = try Self.unreadLines(summary)
                #expect(unread > 0, "\(result)")
                #expect(summary.read + unread == 3_000, "\(result)")
            }
        }
    }

    @Test(
        "stdin is not read after the stop: the summary says where its rest begins", arguments: CFetchBinary.strategies)
    func unreadStdin(strategy: String) async throws {
        try await withServer { server in
            let urls = Array(repeating: server.url("/delay/5000"), count: 3_000)
            let child = try CFetchBinary.start(
                ["--strategy", strategy, "-j", "4", "--format", "jsonl"],
                stdin: .text(urls.joined(separator: "\n") + "\n"))
            let (result, records, summary) = try await Self.interruptWithFourInFlight(child, server: server)
            #expect(
                summary.unread == "the rest of stdin was not read (first unread index: \(records.count))", "\(result)")
        }
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

    @Test(
        "a second signal quits at once, with its own status, while the run cannot finish",
        arguments: CFetchBinary.strategies,
        [(SIGINT, SIGINT), (SIGINT, SIGTERM), (SIGTERM, SIGINT), (SIGTERM, SIGTERM)])
    func secondSignal(strategy: String, signals: (first: Int32, second: Int32)) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // stdout is a FIFO this test holds open and never reads: once its 64 KiB are
                // full, no record can be written and the run can never wind down. Only
                // quitting at once ends it. (Signalled only once the FIFO is nearly full: a
                // stop before that could leave few enough records to fit, and the run end.)
                let list = try directory.writeList(Array(repeating: server.url("/bytes/1"), count: 3_000))
                let fifo = directory.file("stdout.fifo")
                #expect(mkfifo(fifo, 0o600) == 0)
                let reader = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
                try #require(reader >= 0)
                defer { close(reader) }
                let command = ([try CFetchBinary.path(), "--strategy", strategy, "--format", "jsonl", list])
                    .map(ChildProcess.shellQuoted).joined(separator: " ")
                let script = """
                    \(command) > \(ChildProcess.shellQuoted(fifo)) &
                    pid=$!
                    echo "pid $pid" >&2
                    wait $pid
                    echo "cfetch exit $?" >&2
                    """
                let shell = ChildProcess("/bin/sh", ["-c", script])
                try shell.start()
                let announced = try await shell.waitForStderr(containing: "pid ", timeout: .seconds(10))
                let pidLine = try #require(announced.split(separator: "\n").first { $0.hasPrefix("pid ") })
                let pid = try #require(pid_t(pidLine.dropFirst(4)))
                // (A pipe stalls short of 64 KiB: each write starts a fresh page once what is
                // left of the last one cannot take its tail, so batches of several KiB leave it
                // at 40-48 KiB. Stalled, with the reader far ahead, the run cannot finish.)
                #expect(
                    await Self.stopsFilling(reader),
                    "the FIFO never filled: \(Self.bytesWaiting(in: reader)) bytes")
                kill(pid, signals.first)
                try await shell.waitForStderr(containing: "cancelling transfers", timeout: .seconds(10))
                let signalled = ContinuousClock.now
                kill(pid, signals.second)
                let result = try await shell.wait(timeout: .seconds(10))
                #expect(result.stderrText.contains("cfetch exit \(128 + signals.second)"), "\(result)")
                #expect(ContinuousClock.now - signalled < .seconds(2), "\(result)")
                // Stopped at once: no summary.
                #expect(!result.stderrText.contains(" URLs: "), "\(result)")
            }
        }
    }

    @Test("-s: no notice and no summary, the same stop", arguments: CFetchBinary.strategies, [SIGINT, SIGTERM])
    func silent(strategy: String, signal: Int32) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList(Array(repeating: server.url("/delay/5000"), count: 6))
                let child = try CFetchBinary.start(["--strategy", strategy, "-j", "4", "-s", "--format", "jsonl", list])
                try await server.waitForActiveRequests(4, timeout: .seconds(10))
                child.send(signal)
                let result = try await child.wait(timeout: .seconds(10))
                #expect(result.exited(128 + signal), "\(result)")
                #expect(result.stderrText.isEmpty, "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                expectIndexesCover(records, count: 6)
                #expect(records.allSatisfy { $0.error == "cancelled" }, "\(result)")
            }
        }
    }
}
