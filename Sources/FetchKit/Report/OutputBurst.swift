/// Records emitted by one thread in one go — the completions an engine loop's turn
/// delivers: stdout's writer is woken once, when the burst ends, instead of by its first
/// record, so the turn's records go out in one write(2) and the loop pays one wake-up.
///
/// Not a delay: the burst is the loop delivering what it already has, with no waiting in
/// it. Records emitted outside a burst (a blocking worker's) wake the writer at once.
enum OutputBurst {
    /// The outputs whose writer a record of the current burst left asleep. Bound per thread
    /// (a task-local outside any task is the thread's), and only that thread touches it.
    @TaskLocal static var owed: OwedWakes?

    /// Runs `deliver`, then wakes every writer it left asleep.
    static func run(_ deliver: () -> Void) {
        let owed = OwedWakes()
        $owed.withValue(owed) { deliver() }
        for output in owed.outputs { output.wakeWriter() }
    }

    /// The writers a burst owes a wake-up; one thread's, for the length of one burst.
    final class OwedWakes: @unchecked Sendable {  // guarded: made, filled and read by the one thread the burst runs on
        fileprivate(set) var outputs: [RecordOutput] = []

        /// Notes that `output`'s writer is owed a wake-up at the burst's end.
        func add(_ output: RecordOutput) {
            if !outputs.contains(where: { $0 === output }) { outputs.append(output) }
        }
    }
}
