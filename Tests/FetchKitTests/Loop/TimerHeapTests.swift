import Testing

@testable import FetchKit

@Suite("Timer heap")
struct TimerHeapTests {
    /// Pops everything due at `now`, running each timer's work.
    private func fire(_ heap: inout TimerHeap, now: UInt64) {
        while let work = heap.popDue(now: now) { work() }
    }

    @Test("timers run in deadline order, and only once due")
    func deadlineOrder() {
        var heap = TimerHeap()
        var ran: [Int] = []
        for (value, deadline) in [(3, 300), (1, 100), (5, 500), (2, 200), (4, 400)] {
            heap.insert(deadline: UInt64(deadline)) { ran.append(value) }
        }
        #expect(heap.nextDeadline == 100)
        fire(&heap, now: 250)
        #expect(ran == [1, 2])
        #expect(heap.nextDeadline == 300 && heap.count == 3)
        fire(&heap, now: 1_000)
        #expect(ran == [1, 2, 3, 4, 5])
        #expect(heap.nextDeadline == nil && heap.count == 0)
    }

    @Test("timers due at the same moment run in the order they were scheduled")
    func sameDeadlineIsFIFO() {
        var heap = TimerHeap()
        var ran: [Int] = []
        for value in 0..<50 { heap.insert(deadline: 7) { ran.append(value) } }
        fire(&heap, now: 7)
        #expect(ran == Array(0..<50))
    }

    @Test("a cancelled timer never runs; cancelling twice, or after it ran, changes nothing")
    func cancelling() {
        var heap = TimerHeap()
        var ran: [String] = []
        let early = heap.insert(deadline: 10) { ran.append("early") }
        let cancelled = heap.insert(deadline: 20) { ran.append("cancelled") }
        heap.insert(deadline: 30) { ran.append("late") }
        heap.cancel(cancelled)
        heap.cancel(cancelled)
        #expect(heap.count == 2)
        fire(&heap, now: 10)
        heap.cancel(early)  // already ran
        #expect(heap.count == 1)
        fire(&heap, now: 100)
        #expect(ran == ["early", "late"])
        #expect(heap.count == 0)
    }

    @Test("a thousand timers in scrambled order come out sorted")
    func manyTimers() {
        var heap = TimerHeap()
        var ran: [UInt64] = []
        var deadline: UInt64 = 1
        for _ in 0..<1_000 {
            deadline = deadline &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = deadline >> 40
            heap.insert(deadline: value) { ran.append(value) }
        }
        fire(&heap, now: .max)
        #expect(ran.count == 1_000)
        #expect(ran == ran.sorted())
    }
}
