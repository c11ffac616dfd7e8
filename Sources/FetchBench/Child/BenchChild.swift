import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// Runs one benchmark sample in a child process — cfetch itself, fetching with one
/// strategy and writing JSONL to a pipe — so its CPU time, peak memory and threads are
/// its own, read with `wait4`.
public struct BenchChild: Sendable {
    /// The cfetch binary to run (this one).
    public let executable: String
    /// Arguments before the strategy's: `fetch`, `-j N`, the list, curl options.
    public let arguments: [String]

    /// Told of each child's pid, so that a stop request reaches the child in progress.
    public let cancellation: BenchCancellation?

    public init(executable: String, arguments: [String], cancellation: BenchCancellation? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.cancellation = cancellation
    }

    /// Runs `strategy` once and collects its records and resource use.
    public func run(_ strategy: StrategyKind, repetition: Int) throws -> BenchSample {
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw SystemCallError(call: "pipe", errno: errno) }
        let argv = [executable] + arguments + ["--strategy", strategy.rawValue, "--format", "jsonl", "-s"]
        let started = MonotonicClock.now()
        let pid: pid_t
        do {
            pid = try spawnProcess(executable, argv: argv, stdout: output[1])
        } catch {
            close(output[0])
            close(output[1])
            throw error
        }
        close(output[1])
        cancellation?.childStarted(pid)
        let sampler = ChildSampler(pid: pid)
        sampler.start()
        let records = readRecords(from: output[0])
        close(output[0])
        waitUntilExited(pid)
        cancellation?.childExited()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = MonotonicClock.seconds(from: started, to: MonotonicClock.now())
        sampler.stop()
        return BenchSample(
            strategy: strategy, repetition: repetition, records: records, wall: wall,
            userCPU: Self.seconds(usage.ru_utime), systemCPU: Self.seconds(usage.ru_stime),
            peakRSSBytes: sampler.peakRSSBytes, peakThreads: sampler.peakThreads,
            voluntaryContextSwitches: Int(usage.ru_nvcsw), involuntaryContextSwitches: Int(usage.ru_nivcsw),
            exitStatus: Self.exitStatus(status))
    }

    /// Waits for the child to exit without reaping it (`WNOWAIT`): until it is reaped its
    /// pid cannot be reused, so a stop request may still signal it safely.
    private func waitUntilExited(_ pid: pid_t) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
    }

    /// Reads JSONL until the child closes its stdout; a failed read ends the records there.
    private func readRecords(from fd: Int32) -> [FetchRecord] {
        // No length limit: a record is as long as its URL and curl's message make it.
        var reader = LineReader(fd: fd, maxLineLength: .max)
        var records: [FetchRecord] = []
        while case .text(let line)? = try? reader.next() {
            if let record = FetchRecord(jsonLine: line) { records.append(record) }
        }
        return records
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }

    /// The exit status, or 128 + the signal for a child killed by one (as a shell says).
    private static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
