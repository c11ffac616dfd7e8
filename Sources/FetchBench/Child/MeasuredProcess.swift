import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// One child process of a benchmark, run to its end and measured: its wall time as the
/// parent saw it, its CPU time and context switches (`wait4`), its peak RSS and threads
/// (`ChildSampler`), and its exit status. Its stdout is a pipe the caller reads.
struct MeasuredProcess {
    let wall: Double
    let userCPU: Double
    let systemCPU: Double
    let peakRSSBytes: Int
    let peakThreads: Int
    let voluntaryContextSwitches: Int
    let involuntaryContextSwitches: Int
    let exitStatus: Int32

    /// Runs `argv`, hands its stdout to `readOutput` until the child closes it, then
    /// waits for it. A stop request (`cancellation`) reaches the child while it runs.
    static func run(
        _ argv: [String], cancellation: BenchCancellation?, readOutput: (Int32) -> Void
    ) throws(SystemCallError) -> MeasuredProcess {
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw SystemCallError(call: "pipe", errno: errno) }
        let started = MonotonicClock.now()
        let pid: pid_t
        do {
            pid = try spawnProcess(argv[0], argv: argv, stdout: output[1])
        } catch {
            close(output[0])
            close(output[1])
            throw error
        }
        close(output[1])
        cancellation?.childStarted(pid)
        let sampler = ChildSampler(pid: pid)
        sampler.start()
        readOutput(output[0])
        close(output[0])
        waitUntilExited(pid)
        cancellation?.childExited()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = MonotonicClock.seconds(from: started, to: MonotonicClock.now())
        sampler.stop()
        return MeasuredProcess(
            wall: wall, userCPU: seconds(usage.ru_utime), systemCPU: seconds(usage.ru_stime),
            peakRSSBytes: sampler.peakRSSBytes, peakThreads: sampler.peakThreads,
            voluntaryContextSwitches: Int(usage.ru_nvcsw), involuntaryContextSwitches: Int(usage.ru_nivcsw),
            exitStatus: exitStatus(status))
    }

    /// A sample of this process's run by `contender`.
    func sample(
        _ contender: BenchContender, repetition: Int, records: [FetchRecord], transfers: Int? = nil,
        errors: Int? = nil
    ) -> BenchSample {
        BenchSample(
            contender: contender, repetition: repetition, records: records, transfers: transfers, errors: errors,
            wall: wall, userCPU: userCPU, systemCPU: systemCPU, peakRSSBytes: peakRSSBytes, peakThreads: peakThreads,
            voluntaryContextSwitches: voluntaryContextSwitches, involuntaryContextSwitches: involuntaryContextSwitches,
            exitStatus: exitStatus)
    }

    /// Waits for the child to exit without reaping it (`WNOWAIT`): until it is reaped its
    /// pid cannot be reused, so a stop request may still signal it safely.
    private static func waitUntilExited(_ pid: pid_t) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
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
