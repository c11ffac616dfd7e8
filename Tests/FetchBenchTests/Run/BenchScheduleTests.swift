import FetchKit
import Testing

@testable import FetchBench

@Suite("Bench schedule")
struct BenchScheduleTests {
    @Test("warm-up rounds, then counted rounds; each strategy once a round, rotated")
    func rotation() {
        let plan = BenchPlan(
            list: .files(["list"]), workload: "w", strategies: [.callback, .future, .green], concurrency: 1,
            repeats: 3, warmup: 1)
        let steps = BenchSchedule.steps(plan, contenders: plan.strategyContenders)
        #expect(steps.count == plan.runCount)
        #expect(
            steps.map(\.description) == [
                "callback: warm-up 1/1", "future: warm-up 1/1", "green: warm-up 1/1",
                "callback: run 1/3", "future: run 1/3", "green: run 1/3",
                "future: run 2/3", "green: run 2/3", "callback: run 2/3",
                "green: run 3/3", "callback: run 3/3", "future: run 3/3",
            ])
        // No strategy always follows the same one.
        let counted = steps.filter { !$0.isWarmup }.map(\.contender)
        let followers = Set(zip(counted, counted.dropFirst()).filter { $0.0 == .strategy(.callback) }.map(\.1))
        #expect(followers.count > 1)
    }
}
