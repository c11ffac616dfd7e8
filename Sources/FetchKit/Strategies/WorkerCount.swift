import Synchronization

/// Counts workers down to zero and then calls `allFinished` once.
final class WorkerCount: Sendable {
    private let remaining: Locked<Int>
    private let allFinished: @Sendable () -> Void

    init(_ count: Int, allFinished: @escaping @Sendable () -> Void) {
        remaining = Locked(count)
        self.allFinished = allFinished
    }

    func finishOne() {
        let left = remaining.withLock { count in
            count -= 1
            return count
        }
        if left == 0 { allFinished() }
    }
}
