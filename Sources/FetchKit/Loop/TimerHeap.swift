/// The loop's own timers (retry back-off and the like): a binary min-heap on deadline.
///
/// Cancelled timers stay in the heap and are skipped when they come due.
struct TimerHeap {
    typealias ID = UInt64

    private struct Entry {
        let deadline: UInt64
        let id: ID
        let work: () -> Void
    }

    private var heap: [Entry] = []
    private var cancelled: Set<ID> = []
    private var nextID: ID = 0

    var nextDeadline: UInt64? { heap.first?.deadline }

    mutating func insert(deadline: UInt64, work: @escaping () -> Void) -> ID {
        nextID += 1
        heap.append(Entry(deadline: deadline, id: nextID, work: work))
        siftUp(heap.count - 1)
        return nextID
    }

    mutating func cancel(_ id: ID) {
        cancelled.insert(id)
    }

    /// The work of the earliest timer due at `now`, removed from the heap.
    mutating func popDue(now: UInt64) -> (() -> Void)? {
        while let first = heap.first, first.deadline <= now {
            removeFirst()
            if cancelled.remove(first.id) == nil { return first.work }
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
            guard heap[child].deadline < heap[parent].deadline else { return }
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
            if left < heap.count && heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count && heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
