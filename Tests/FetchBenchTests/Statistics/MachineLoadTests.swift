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

    @Test("measured around real work: this process's own CPU is not counted as other work")
    func ownWorkIsNotOthers() throws {
        let before = MachineActivity.now()
        var sum = 0.0
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .milliseconds(300) {
            for value in 0..<10_000 { sum += Double(value).squareRoot() }
        }
        let load = MachineActivity.now().since(before)
        #expect(sum > 0)
        let others = try #require(load.otherCPUShare)
        // A core's worth of our own spinning, on the machine's CPUs: were it counted as
        // other work, the share would be at least 1 / processors.
        #expect(others < 0.9 / Double(load.processors) || load.processors == 1, "\(load)")
        #expect(load.stolenShare != nil && load.loadAverageBefore != nil)
    }
}
