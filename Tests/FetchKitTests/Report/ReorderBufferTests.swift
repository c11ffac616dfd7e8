import FetchTestServer
import Foundation
import Synchronization
import Testing

@testable import FetchKit

@Suite("Reorder buffer (--keep-order)")
struct ReorderBufferTests {
    private func job(_ index: Int) -> FetchJob {
        FetchJob(index: index, url: "http://127.0.0.1/\(index)", problem: nil)
    }

    private func record(_ index: Int) -> FetchRecord {
        FetchRecord(
            index: index, url: "http://127.0.0.1/\(index)", ok: true, status: 200, bytes: 0, worker: 1,
            strategy: .callback, attempts: 1, queued: 0, start: 0, elapsed: 0, phases: PhaseTimes(),
            httpVersion: "1.1", contentType: nil, effectiveURL: nil, error: nil, message: nil)
    }

    /// A buffer whose deliveries are collected, in order.
    private func buffer(capacity: Int) -> (ReorderBuffer, Locked<[Int]>) {
        let written = Locked<[Int]>([])
        let buffer = ReorderBuffer(capacity: capacity) { record in written.withLock { $0.append(record.index) } }
        return (buffer, written)
    }

    @Test("records come out in the order their jobs were admitted, gaps in the indexes and all")
    func admissionOrder() {
        let (buffer, written) = buffer(capacity: 10)
        for index in [0, 5, 9, 10] { #expect(buffer.admit(job(index))) }
        buffer.arrived(record(10))
        buffer.arrived(record(5))
        #expect(written.withLock { $0 }.isEmpty)
        buffer.arrived(record(0))
        #expect(written.withLock { $0 } == [0, 5])
        buffer.arrived(record(9))
        #expect(written.withLock { $0 } == [0, 5, 9, 10])
        #expect(buffer.owedCount == 0)
    }

    @Test("the gate: the producer waits while capacity records are owed, until the oldest is written")
    func gateBound() async throws {
        let (buffer, written) = buffer(capacity: 3)
        for index in 0..<3 { #expect(buffer.admit(job(index))) }
        let admitted = Atomic<Int>(0)
        let producer = Thread {
            if buffer.admit(job(3)) { admitted.store(1, ordering: .relaxed) }
        }
        producer.start()
        #expect(await eventually { buffer.isProducerWaiting })
        // Younger records finishing first do not open it: the oldest is still owed.
        buffer.arrived(record(2))
        buffer.arrived(record(1))
        #expect(buffer.owedCount == 3)
        #expect(buffer.isProducerWaiting)
        #expect(admitted.load(ordering: .relaxed) == 0)
        buffer.arrived(record(0))
        #expect(await eventually { admitted.load(ordering: .relaxed) == 1 })
        #expect(written.withLock { $0 } == [0, 1, 2])
        #expect(buffer.owedCount == 1)
    }

    @Test("a cancel lets a waiting producer go, refused, and refuses later ones; records still come out in order")
    func cancelReleasesProducer() async throws {
        let (buffer, written) = buffer(capacity: 1)
        #expect(buffer.admit(job(0)))
        let refused = Atomic<Int>(0)
        let producer = Thread {
            if !buffer.admit(job(1)) { refused.store(1, ordering: .relaxed) }
        }
        producer.start()
        #expect(await eventually { buffer.isProducerWaiting })
        buffer.cancel()
        #expect(await eventually { refused.load(ordering: .relaxed) == 1 })
        #expect(!buffer.admit(job(2)))
        buffer.arrived(record(0))
        #expect(written.withLock { $0 } == [0])
    }

    @Test("a job the queue refused after the gate let it through is owed nothing")
    func withdrawnJob() {
        let (buffer, written) = buffer(capacity: 2)
        #expect(buffer.admit(job(0)))
        #expect(buffer.admit(job(1)))
        buffer.withdraw(job(1))
        #expect(buffer.owedCount == 1)
        buffer.arrived(record(0))
        #expect(written.withLock { $0 } == [0])
        #expect(buffer.owedCount == 0)
    }

    @Test("as the work queue's gate: a push waits for the oldest record, a cancel of the queue frees it")
    func queueGate() async throws {
        let (buffer, _) = buffer(capacity: 2)
        let queue = WorkQueue(capacity: 100, gate: buffer)
        #expect(queue.push(job(0)))
        #expect(queue.push(job(1)))
        let pushed = Atomic<Int>(-1)
        let producer = Thread {
            pushed.store(queue.push(job(2)) ? 1 : 0, ordering: .relaxed)
        }
        producer.start()
        #expect(await eventually { buffer.isProducerWaiting })
        #expect(!queue.isProducerWaiting)
        queue.cancel()
        #expect(await eventually { pushed.load(ordering: .relaxed) == 0 })
        #expect(buffer.owedCount == 2)
    }

    @Test("many threads delivering at once: every record once, in order")
    func concurrentArrivals() async throws {
        let (buffer, written) = buffer(capacity: 1000)
        let count = 1000
        for index in 0..<count { #expect(buffer.admit(job(index * 2))) }
        let shuffled = (0..<count).map { $0 * 2 }.shuffled()
        let slices = stride(from: 0, to: count, by: 250).map { Array(shuffled[$0..<min(count, $0 + 250)]) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slice in slices {
                group.addTask {
                    try await onOwnThread { for index in slice { buffer.arrived(record(index)) } }
                }
            }
            try await group.waitForAll()
        }
        #expect(written.withLock { $0 } == (0..<count).map { $0 * 2 })
    }
}
