import FetchTestServer
import Foundation
import Synchronization
import Testing

@testable import FetchKit

/// A transfer never fails because the process ran out of descriptors: it is held back
/// (no attempt counted, the run told once) and runs when descriptors are free again — on
/// the engine's loop and on a blocking worker's thread alike. The URL is a closed port, so
/// the attempt that finally runs fails at once with an honest `connect` error.
///
/// The descriptors stay exhausted for as short a time as possible, waited out by spinning
/// rather than sleeping: libdispatch's worker-pool monitor opens files under /proc now and
/// then, and traps when it cannot (which is also why cfetch's budget keeps a reserve free).
/// That monitor also closes its file again, which can leave one descriptor free just when
/// the transfer opens its socket; the attempt then honestly fails to connect. So each case
/// gets three tries to catch the table full, and fails if it never sees a hold-back.
@Suite("Running out of file descriptors", .serialized)
struct DescriptorShortageTests {
    final class Collected: Sendable {
        private let records = Locked<[FetchRecord]>([])
        let warnings = Atomic<Int>(0)
        func add(_ record: FetchRecord) { records.withLock { $0.append(record) } }
        var all: [FetchRecord] { records.withLock { $0 } }
    }

    private static let closedPort = "http://127.0.0.1:1/"

    @Test("the engine holds a transfer back while no descriptor is free")
    func engine() async throws {
        try await expectHeldBack { collected, plan in
            let engine = try FetchEngine(plan: plan, maxConnections: 2)
            let request = FetchRequest(
                job: FetchJob(index: 0, line: Self.closedPort), worker: 1, strategy: .callback,
                runStart: MonotonicClock.now(), takenAt: MonotonicClock.now())
            return (start: { engine.fetch(request) { collected.add($0) } }, stop: { engine.shutdown() })
        }
    }

    @Test("a blocking worker holds its transfer back while no descriptor is free")
    func blockingWorker() async throws {
        try await expectHeldBack { collected, plan in
            let queue = WorkQueue(capacity: 4)
            queue.push(FetchJob(index: 0, line: Self.closedPort))
            queue.close()
            let context = RunContext(
                jobs: queue, plan: plan, workers: 1, strategy: .blocking, runStart: MonotonicClock.now(),
                cancellation: RunCancellation(), emit: collected.add)
            return (start: { Thread { try? BlockingStrategy().run(context) }.start() }, stop: {})
        }
    }

    @Test("a refused connection is not mistaken for a shortage")
    func refusedConnection() async throws {
        let collected = Collected()
        let shortage = DescriptorShortage { collected.warnings.add(1, ordering: .relaxed) }
        let engine = try FetchEngine(
            plan: try TransferPlan(options: FetchOptions(), descriptorShortage: shortage), maxConnections: 2)
        defer { engine.shutdown() }
        let request = FetchRequest(
            job: FetchJob(index: 0, line: Self.closedPort), worker: 1, strategy: .callback,
            runStart: MonotonicClock.now(), takenAt: MonotonicClock.now())
        engine.fetch(request) { collected.add($0) }
        #expect(await eventually { collected.all.count == 1 })
        #expect(collected.all.first?.error == .connect && collected.all.first?.attempts == 1)
        #expect(collected.warnings.load(ordering: .relaxed) == 0)
    }

    /// Sets a transfer up with `prepare`, starts it with no descriptor free, and expects it
    /// held back (no record meanwhile), then — descriptors free again — one honest record
    /// with one attempt counted.
    private func expectHeldBack(
        _ prepare: (Collected, TransferPlan) throws -> (start: () -> Void, stop: () -> Void)
    ) async throws {
        for _ in 1...3 {
            let collected = Collected()
            let shortage = DescriptorShortage { collected.warnings.add(1, ordering: .relaxed) }
            let (start, stop) = try prepare(
                collected, try TransferPlan(options: FetchOptions(), descriptorShortage: shortage))
            defer { stop() }
            let exhaustion = try DescriptorExhaustion()
            start()
            let heldBack = spin { collected.warnings.load(ordering: .relaxed) == 1 || !collected.all.isEmpty }
            let recordsMeanwhile = collected.all
            exhaustion.release()
            #expect(heldBack, "neither held back nor recorded within 5 s")
            #expect(await eventually { collected.all.count == 1 })
            // A descriptor came free at the wrong moment: the attempt ran and failed honestly.
            if !recordsMeanwhile.isEmpty && collected.warnings.load(ordering: .relaxed) == 0 { continue }
            #expect(recordsMeanwhile.isEmpty, "a record while descriptors were short: \(recordsMeanwhile)")
            let record = collected.all.first
            #expect(record?.error == .connect, "\(String(describing: record))")
            #expect(record?.attempts == 1, "held-back attempts are not counted: \(String(describing: record))")
            #expect(collected.warnings.load(ordering: .relaxed) == 1)
            return
        }
        Issue.record("in three tries, the transfer was never held back with no descriptor free")
    }

    /// Spins until `condition` holds (true) or five seconds pass (false).
    private func spin(_ condition: () -> Bool) -> Bool {
        let deadline = MonotonicClock.now() + 5_000_000_000
        while !condition() {
            guard MonotonicClock.now() < deadline else { return false }
            sched_yield()
        }
        return true
    }
}
