/// Two push gates asked in turn, for a run that has both: stdout's back-pressure and
/// `--keep-order`'s reorder buffer. A job is pushed only when both admit it.
struct ChainedGate: PushGate {
    let first: any PushGate
    let second: any PushGate

    /// `gates` chained in order, the absent ones left out; nil when none is present.
    static func chaining(_ gates: [(any PushGate)?]) -> (any PushGate)? {
        gates.compactMap { $0 }.reduce(nil) { chain, gate in chain.map { ChainedGate(first: $0, second: gate) } ?? gate
        }
    }

    func admit(_ job: FetchJob) -> Bool {
        guard first.admit(job) else { return false }
        guard second.admit(job) else {
            // Stopped while the second held it back: the first let through a job never pushed.
            first.withdraw(job)
            return false
        }
        return true
    }

    func withdraw(_ job: FetchJob) {
        second.withdraw(job)
        first.withdraw(job)
    }

    func cancel() {
        first.cancel()
        second.cancel()
    }
}
