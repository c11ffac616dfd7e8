/// The loop's own timers (retry back-off and the like): a binary min-heap on deadline.
///
/// Cancelled timers stay in the heap and are skipped when they come due; cancelling one
/// that already ran, or twice, does nothing. Timers due at the same moment run in the
/// order they were scheduled.
struct TimerHeap {
    typealias ID = UInt64

    private struct Entry {
        let deadline: UInt64
        let id: ID
        let work: () -> Void
    }

    private var heap: [Entry] = []
    /// Timers scheduled and neither run nor cancelled.
    private var pending: Set<ID> = []
    private var nextID: ID = 0

    /// The earliest deadline in the heap (possibly a cancelled timer's: waking for it is harmless).
    var nextDeadline: UInt64? { heap.first?.deadline }

    /// How many timers will still run.
    var count: Int { pending.count }

    @discardableResult
    mutating func insert(deadline: UInt64, work: @escaping () -> Void) -> ID {
        nextID += 1
        heap.append(Entry(deadline: deadline, id: nextID, work: work))
        pending.insert(nextID)
        siftUp(heap.count - 1)
        return nextID
    }

    mutating func cancel(_ id: ID) {
        pending.remove(id)
    }

    /// The work of the earliest timer due at `now`, removed from the heap.
    mutating func popDue(now: UInt64) -> (() -> Void)? {
        while let first = heap.first, first.deadline <= now {
            removeFirst()
            if pending.remove(first.id) != nil { return first.work }
        }
        return nil
    }

    private mutating func removeFirst() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.earlier(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && Self.earlier(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && Self.earlier(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }

    /// Deadline order, then scheduling order.
    private static func earlier(_ a: Entry, _ b: Entry) -> Bool {
        a.deadline != b.deadline ? a.deadline < b.deadline : a.id < b.id
    }
}
