import Foundation
import Synchronization

@testable import FetchKit

/// One blocking worker on a thread of its own, fetching `urls` with `plan` until its queue
/// runs dry or `cancellation` is cancelled: the blocking side of the tests that cancel
/// transfers in flight or backing off.
final class BlockingWorkerRun: Sendable {
    let cancellation = RunCancellation()
    private let received = Locked<[FetchRecord]>([])
    private let done = Atomic<Bool>(false)

    init(urls: [String], plan: TransferPlan) {
        let queue = WorkQueue(capacity: max(1, urls.count))
        for (index, url) in urls.enumerated() { queue.push(FetchJob(index: index, line: url)) }
        queue.close()
        let context = RunContext(
            jobs: queue, plan: plan, workers: 1, strategy: .blocking, runStart: MonotonicClock.now(),
            cancellation: cancellation, emit: { [self] record in received.withLock { $0.append(record) } })
        Thread { [self] in
            try? BlockingStrategy().run(context)
            done.store(true, ordering: .releasing)
        }.start()
    }

    /// The records so far, in the order they were made.
    var records: [FetchRecord] { received.withLock { $0 } }

    /// The worker's thread has returned.
    var finished: Bool { done.load(ordering: .acquiring) }
}
