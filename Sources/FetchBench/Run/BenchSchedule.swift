import FetchKit

/// The order of a benchmark's child runs: the rows (strategies and tools) take turns. Every warm-up round
/// runs each strategy once, then every counted round does, each round starting one
/// strategy further on (A B C, B C A, C A B, …) so that none always follows the same
/// one. On a shared machine the load drifts over minutes; strategies that take turns see
/// the same drift, where strategies run one after the other would each see their own.
enum BenchSchedule {
    static func steps(_ plan: BenchPlan, contenders: [BenchContender]) -> [BenchStep] {
        let rows = contenders
        func rounds(_ count: Int, isWarmup: Bool) -> [BenchStep] {
            (0..<count).flatMap { round in
                rows.indices.map { offset in
                    BenchStep(
                        contender: rows[(offset + round) % rows.count], isWarmup: isWarmup,
                        number: round + 1, total: count)
                }
            }
        }
        return rounds(plan.warmup, isWarmup: true) + rounds(plan.repeats, isWarmup: false)
    }
}
