import Dispatch
import Testing

@testable import FetchKit

#if canImport(Glibc)
import Glibc
#endif

@Suite("Engine loops")
struct EngineLoopTests {
    @Test("workers are dealt out over the loops, at most one apart")
    func workersSpread() throws {
        let plan = try TransferPlan(options: FetchOptions())
        let group = try EngineGroup(plan: plan, settings: EngineSettings(), loops: 3, maxConnections: 7)
        defer { group.shutdown() }
        let byLoop = (0..<3).map { group.workers(onLoop: $0, of: 7) }
        #expect(byLoop == [[1, 4, 7], [2, 5], [3, 6]])
        for (index, numbers) in byLoop.enumerated() {
            for number in numbers { #expect(group.engine(forWorker: number) === group.engines[index]) }
        }
    }

    @Test("each loop is a thread of its own")
    func loopsAreThreads() throws {
        let plan = try TransferPlan(options: FetchOptions())
        let group = try EngineGroup(plan: plan, settings: EngineSettings(), loops: 2, maxConnections: 2)
        defer { group.shutdown() }
        let threads = Locked<Set<UInt>>([])
        let done = DispatchSemaphore(value: 0)
        for engine in group.engines {
            engine.execute {
                threads.withLock { _ = $0.insert(UInt(pthread_self())) }
                done.signal()
            }
        }
        for _ in group.engines { done.wait() }
        #expect(threads.withLock { $0.count } == 2)
    }

    @Test("the default is one loop per core, never more than the workers")
    func defaultLoops() {
        var settings = EngineSettings()
        #expect(settings.loopCount(workers: 50, cores: 4) == 4)
        #expect(settings.loopCount(workers: 3, cores: 8) == 3)
        #expect(settings.loopCount(workers: 1, cores: 2) == 1)
        settings.loops = 6
        #expect(settings.loopCount(workers: 50, cores: 2) == 6)
        #expect(settings.loopCount(workers: 4, cores: 2) == 4)
        #expect(EngineSettings.cores >= 1)
    }
}
