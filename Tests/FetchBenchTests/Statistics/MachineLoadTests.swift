import Testing

@testable import FetchBench

@Suite("Machine load")
struct MachineLoadTests {
    @Test("a quiet machine gives no warning; other work, steal and a loaded start each give one")
    func warnings() {
        let quiet = MachineLoad(otherCPUShare: 0.02, stolenShare: 0, loadAverageBefore: 0.3, processors: 2)
        #expect(quiet.warnings.isEmpty)
        let busy = MachineLoad(otherCPUShare: 0.34, stolenShare: 0.05, loadAverageBefore: 3.2, processors: 2)
        #expect(
            busy.warnings == [
                "the machine was busy: other processes used 34% of its 2 CPUs during the runs",
                "the hypervisor took 5% of the CPUs (steal time) during the runs",
                "the load average was 3.2 on 2 CPUs when the benchmark started",
            ])
        let unknown = MachineLoad(otherCPUShare: nil, stolenShare: nil, loadAverageBefore: nil, processors: 2)
        #expect(unknown.warnings.isEmpty)
    }

    @Test("other work is the machine's busy time less the benchmark's own, over all its CPUs")
    func otherWork() throws {
        let start = MachineActivity(
            busySeconds: 100, stolenSeconds: 1, loadAverage: 0.5, ownSeconds: 10, processors: 2, at: 0)
        let end = MachineActivity(
            busySeconds: 103, stolenSeconds: 1.2, loadAverage: 1.5, ownSeconds: 11, processors: 2,
            at: 2_000_000_000)
        let load = end.since(start)
        // 3 s busy, 1 s of it the benchmark's, over 2 s × 2 CPUs.
        #expect(try #require(load.otherCPUShare) == 0.5)
        #expect(abs(try #require(load.stolenShare) - 0.05) < 1e-9)
        #expect(load.loadAverageBefore == 0.5 && load.processors == 2)
        let unreadable = MachineActivity(
            busySeconds: nil, stolenSeconds: nil, loadAverage: nil, ownSeconds: 11, processors: 2, at: 1)
        #expect(unreadable.since(start).otherCPUShare == nil)
    }

    @Test("the real snapshot reads /proc, and counts this process's own CPU time")
    func realSnapshot() {
        let before = MachineActivity.now()
        var sum = 0.0
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .milliseconds(100) {
            for value in 0..<10_000 { sum += Double(value).squareRoot() }
        }
        let after = MachineActivity.now()
        #expect(sum > 0)
        #expect(before.busySeconds != nil && before.stolenSeconds != nil && before.loadAverage != nil)
        #expect(after.ownSeconds - before.ownSeconds > 0.05)
        #expect((after.busySeconds ?? 0) >= (before.busySeconds ?? 0))
    }
}
