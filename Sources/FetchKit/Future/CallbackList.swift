/// Callbacks waiting on a future. Running one may complete other futures, whose own
/// callbacks come back as a new list; `run()` works through them all in one loop, so a
/// long chain of futures completing one another never deepens the stack (as in NIO).
struct CallbackList {
    typealias Callback = () -> CallbackList

    private var callbacks: [Callback] = []

    var isEmpty: Bool { callbacks.isEmpty }

    mutating func append(_ callback: @escaping Callback) {
        callbacks.append(callback)
    }

    /// Runs every callback, and every callback they make ready, breadth-first.
    func run() {
        var pending = callbacks
        var next = 0
        while next < pending.count {
            let more = pending[next]()
            next += 1
            if !more.isEmpty { pending.append(contentsOf: more.callbacks) }
            // Let go of what has run, so a long cascade does not pile up.
            if next >= 1024 && next * 2 >= pending.count {
                pending.removeFirst(next)
                next = 0
            }
        }
    }
}
