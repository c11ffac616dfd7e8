import FetchTestServer
import Foundation
import Synchronization
import Testing

@testable import FetchKit

@Suite("Work queue")
struct WorkQueueTests {
    private func job(_ index: Int) -> FetchJob {
        FetchJob(index: index, url: "http://127.0.0.1/\(index)", problem: nil)
    }

    @Test("jobs come out in order, then nil once closed")
    func fifoThenNil() {
        let queue = WorkQueue(capacity: 10)
        for index in 0..<5 { queue.push(job(index)) }
        queue.close()
        var taken: [Int] = []
        while let next = queue.take() { taken.append(next.index) }
        #expect(taken == [0, 1, 2, 3, 4])
        #expect(queue.take() == nil)
    }

    @Test("the producer blocks while the queue is full")
    func boundedPush() async throws {
        let queue = WorkQueue(capacity: 3)
        let pushed = Atomic<Int>(0)
        let producer = Thread {
            for index in 0..<10 {
                queue.push(FetchJob(index: index, url: "u", problem: nil))
                pushed.add(1, ordering: .relaxed)
            }
            queue.close()
        }
        producer.start()
        #expect(await eventually { queue.isProducerWaiting })
        #expect(pushed.load(ordering: .relaxed) == 3)
        var taken = 0
        while queue.take() != nil { taken += 1 }
        #expect(taken == 10)
    }

    @Test("a waiting handler gets the next pushed job, or nil on close")
    func handlers() {
        let queue = WorkQueue(capacity: 4)
        let received = Locked<[Int?]>([])
        queue.take { job in received.withLock { $0.append(job?.index) } }
        queue.take { job in received.withLock { $0.append(job?.index) } }
        #expect(received.withLock { $0 }.isEmpty)
        queue.push(job(7))
        queue.close()
        #expect(received.withLock { $0 } == [7, nil])
    }

    @Test("cancel hands out the jobs still queued marked cancelled, then nil, and refuses new ones")
    func cancel() {
        let queue = WorkQueue(capacity: 4)
        queue.push(job(1))
        queue.push(job(2))
        #expect(queue.take()?.problem == nil)
        queue.cancel()
        #expect(queue.push(job(3)) == false)
        let handedOut = Locked<FetchJob?>(nil)
        queue.take { job in handedOut.withLock { $0 = job } }
        let handed = handedOut.withLock { $0 }
        #expect(handed?.index == 2)
        #expect(handed?.problem == URLProblem(errorClass: .cancelled, message: "cancelled"))
        #expect(queue.take() == nil)
        #expect(queue.isCancelled)
    }

    @Test("a producer waiting on a full queue is woken by a cancel and refused; the queued jobs are still handed out")
    func cancelWakesProducer() async throws {
        let queue = WorkQueue(capacity: 2)
        let refused = Atomic<Int>(-1)
        let producer = Thread {
            for index in 0..<3 where !queue.push(FetchJob(index: index, url: "u", problem: nil)) {
                refused.store(index, ordering: .relaxed)
                return
            }
        }
        producer.start()
        #expect(await eventually { queue.isProducerWaiting })
        queue.cancel()
        #expect(await eventually { refused.load(ordering: .relaxed) == 2 })
        var taken: [Int] = []
        while let next = queue.take() {
            #expect(next.problem?.errorClass == .cancelled)
            taken.append(next.index)
        }
        #expect(taken == [0, 1])
    }

    @Test("waitForRoom waits on a full queue until takers bring it to half, then tells the room; cancel ends it: 0")
    func waitForRoom() async throws {
        let queue = WorkQueue(capacity: 8)
        #expect(queue.waitForRoom() == 8, "an empty queue: no wait")
        for index in 0..<8 { queue.push(job(index)) }
        let room = Atomic<Int>(-1)
        let waiter = Thread { room.store(queue.waitForRoom(), ordering: .relaxed) }
        waiter.start()
        #expect(await eventually { queue.isProducerWaiting })
        for _ in 0..<3 { _ = queue.take() }
        try await Task.sleep(for: .milliseconds(50))
        #expect(room.load(ordering: .relaxed) == -1, "5 queued, above half: still waiting")
        _ = queue.take()
        #expect(await eventually { room.load(ordering: .relaxed) == 4 })

        for index in 8..<12 { queue.push(job(index)) }
        let cancelledRoom = Atomic<Int>(-1)
        let second = Thread { cancelledRoom.store(queue.waitForRoom(), ordering: .relaxed) }
        second.start()
        #expect(await eventually { queue.isProducerWaiting })
        queue.cancel()
        #expect(await eventually { cancelledRoom.load(ordering: .relaxed) == 0 })
        #expect(queue.waitForRoom() == 0, "cancelled: no wait, no room")
    }

    @Test("the first taker told there is no more work tells the drained handlers, once")
    func drained() {
        let queue = WorkQueue(capacity: 4)
        let calls = Atomic<Int>(0)
        queue.whenDrained { calls.add(1, ordering: .relaxed) }
        queue.push(job(0))
        queue.close()
        #expect(queue.take()?.index == 0)
        #expect(calls.load(ordering: .relaxed) == 0)
        #expect(queue.take() == nil)
        #expect(queue.take() == nil)
        queue.take { _ in }
        #expect(calls.load(ordering: .relaxed) == 1)
        // Registered after the fact: called at once.
        queue.whenDrained { calls.add(1, ordering: .relaxed) }
        #expect(calls.load(ordering: .relaxed) == 2)
    }

    @Test("a waiting handler hearing of the end, or a cancel, also tells the drained handlers")
    func drainedWhileWaiting() {
        for cancel in [false, true] {
            let queue = WorkQueue(capacity: 4)
            let calls = Atomic<Int>(0)
            queue.whenDrained { calls.add(1, ordering: .relaxed) }
            queue.take { _ in }
            if cancel { queue.cancel() } else { queue.close() }
            #expect(calls.load(ordering: .relaxed) == 1)
        }
    }

    @Test("jobs remember when they were queued")
    func enqueueTime() {
        let before = MonotonicClock.now()
        let queue = WorkQueue(capacity: 2)
        queue.push(job(0))
        let taken = queue.take()
        #expect((taken?.enqueuedAt ?? 0) >= before)
    }
}

extension FetchJob: Equatable {
    public static func == (lhs: FetchJob, rhs: FetchJob) -> Bool {
        lhs.index == rhs.index && lhs.url == rhs.url && lhs.problem == rhs.problem
    }
}
