import Foundation
import Synchronization
import Testing

@testable import FetchKit

/// The confinement checks themselves: loop-bound state reached from another thread stops
/// the process (in a child process, by swift-testing's exit tests).
@Suite("Loop-bound values")
struct LoopBoundTests {
    @Test("opened on its loop's thread, a bound value is there")
    func onTheLoop() throws {
        let engine = try FetchEngine(options: FetchOptions(), maxConnections: 1)
        defer { engine.shutdown() }
        let bound = LoopBound(handingOver: [1, 2, 3], to: engine)
        let seen = DispatchSemaphore(value: 0)
        let sum = SumBox()
        engine.execute {
            sum.value.store(bound.value().reduce(0, +), ordering: .relaxed)
            seen.signal()
        }
        seen.wait()
        #expect(sum.value.load(ordering: .relaxed) == 6)
    }

    @Test("opened off its loop's thread, a bound value traps")
    func offTheLoop() async {
        await #expect(processExitsWith: .failure) {
            let engine = try FetchEngine(options: FetchOptions(), maxConnections: 1)
            let bound = LoopBound(handingOver: [1, 2, 3], to: engine)
            _ = bound.value()
        }
    }

    @Test("made off its loop's thread with the checked initializer, it traps")
    func madeOffTheLoop() async {
        await #expect(processExitsWith: .failure) {
            let engine = try FetchEngine(options: FetchOptions(), maxConnections: 1)
            _ = LoopBound([1, 2, 3], loop: engine)
        }
    }

    @Test(
        "the loop's own state, touched from another thread, trips its assertion",
        .enabled(if: debugBuild, "assertions are checked in debug builds only"))
    func pollLoopAssertion() async {
        await #expect(processExitsWith: .failure) {
            let loop = try PollLoop()
            loop.setInterest(fd: 0, events: 1)
        }
    }
}

/// Written on the loop, read by the test.
private final class SumBox: Sendable {
    let value = Atomic<Int>(0)
}

/// Whether `assert` is checked in this build.
private let debugBuild: Bool = {
    #if DEBUG
    true
    #else
    false
    #endif
}()
