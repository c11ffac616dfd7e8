import FetchTestServer
import Foundation
import Testing

@testable import FetchKit

/// A coroutine must stay on the thread it first ran on, and swift-testing runs tests on
/// its cooperative pool (a test may hop threads), so every test here does its coroutine
/// work inside `onOwnThread` and checks the results after.
@Suite("Coroutines")
struct CoroutineTests {
    /// What a body and the hub write to, one event at a time (each append is a short
    /// access that ends before anyone switches).
    final class EventLog {
        var events: [String] = []
        func add(_ event: String) { events.append(event) }
    }

    @Test("resume and yield alternate, values and order survive every switch")
    func pingPong() async throws {
        let events = try await onOwnThread { () throws -> [String] in
            let log = EventLog()
            var handedOver = 0  // written by the body, read by the hub between switches
            let coroutine = try Coroutine(stackSize: Coroutine.defaultStackSize) {
                let local = "kept on the coroutine's stack"
                for step in 1...3 {
                    handedOver = step * 10
                    log.add("body \(step)")
                    Coroutine.current!.yield()
                }
                log.add("body done, \(local)")
            }
            while !coroutine.isFinished {
                log.add("hub resumes")
                coroutine.resume()
                log.add("hub got \(handedOver)")
            }
            return log.events
        }
        #expect(
            events == [
                "hub resumes", "body 1", "hub got 10",
                "hub resumes", "body 2", "hub got 20",
                "hub resumes", "body 3", "hub got 30",
                "hub resumes", "body done, kept on the coroutine's stack", "hub got 30",
            ]
        )
    }

    @Test("two coroutines interleave in the order they are resumed")
    func interleaving() async throws {
        let events = try await onOwnThread { () throws -> [String] in
            let log = EventLog()
            func worker(_ name: String) throws -> Coroutine {
                try Coroutine(stackSize: Coroutine.defaultStackSize) {
                    for step in 0..<3 {
                        log.add("\(name)\(step)")
                        Coroutine.current!.yield()
                    }
                }
            }
            let a = try worker("a")
            let b = try worker("b")
            while !a.isFinished || !b.isFinished {
                if !b.isFinished { b.resume() }
                if !a.isFinished { a.resume() }
            }
            return log.events
        }
        #expect(events == ["b0", "a0", "b1", "a1", "b2", "a2"])
    }

    @Test("current is the innermost running coroutine, nil on the thread's own stack")
    func current() async throws {
        let checks = try await onOwnThread { () throws -> [Bool] in
            var checks: [Bool] = [Coroutine.current == nil]
            var inner: Coroutine?
            var outer: Coroutine?
            inner = try Coroutine(stackSize: Coroutine.defaultStackSize) {
                checks.append(Coroutine.current === inner)
                Coroutine.current!.yield()
                checks.append(Coroutine.current === inner)
            }
            outer = try Coroutine(stackSize: Coroutine.defaultStackSize) {
                checks.append(Coroutine.current === outer)
                inner!.resume()  // a coroutine may resume another; the inner yields back here
                checks.append(Coroutine.current === outer)
                Coroutine.current!.yield()
                inner!.resume()
            }
            outer!.resume()
            checks.append(Coroutine.current == nil)
            outer!.resume()
            checks.append(outer!.isFinished && inner!.isFinished && Coroutine.current == nil)
            return checks
        }
        #expect(checks == Array(repeating: true, count: 7))
    }

    @Test("a body that never yields finishes on its first resume")
    func finishesWithoutYielding() async throws {
        let ran = try await onOwnThread { () throws -> Bool in
            var ran = false
            let coroutine = try Coroutine(stackSize: 16 * 1024) { ran = true }
            coroutine.resume()
            return ran && coroutine.isFinished
        }
        #expect(ran)
    }

    @Test("stack sizes round up to whole pages; a non-positive size is a setup error")
    func stackSizes() throws {
        let page = Coroutine.pageSize
        // Creating (not resuming) is fine on any thread.
        #expect(try Coroutine(stackSize: 1) {}.stackSize == page)
        #expect(try Coroutine(stackSize: page + 1) {}.stackSize == 2 * page)
        #expect(try Coroutine(stackSize: Coroutine.defaultStackSize) {}.stackSize == Coroutine.defaultStackSize)
        #expect(throws: UsageError.self) { try Coroutine(stackSize: 0) {} }
    }

    @Test("recursion deep into the default stack works")
    func deepRecursion() async throws {
        let (sum, finished, reached) = try await onOwnThread { () throws -> (Int, Bool, Int) in
            try Coroutine.prepareThread()
            var sum = 0
            // 160 frames of 512 bytes and more (~165 KiB in a debug build): several times what
            // a worker needs, and still inside 256 KiB.
            let coroutine = try Coroutine(stackSize: Coroutine.defaultStackSize) {
                sum = recurse(depth: 160)
            }
            coroutine.resume()
            return (sum, coroutine.isFinished, coroutine.stackHighWater)
        }
        #expect(finished)
        #expect(sum == (1...160).reduce(0, +))
        #expect(reached > 80 * 1024, "the recursion should have gone deep into the stack")
        #expect(reached < Coroutine.defaultStackSize)
    }

    @Test("10,000 coroutines with the default stack cost only the pages they touch")
    func tenThousand() async throws {
        let (steps, finished, touched, residentGrowth) = try await onOwnThread {
            () throws -> (Int, Int, Int, Int) in
            try Coroutine.prepareThread()
            let before = residentBytes()
            var steps = 0
            var coroutines: [Coroutine] = []
            coroutines.reserveCapacity(10_000)
            for _ in 0..<10_000 {
                coroutines.append(
                    try Coroutine(stackSize: Coroutine.defaultStackSize) {
                        steps += 1
                        Coroutine.current!.yield()
                        steps += 1
                    }
                )
            }
            for coroutine in coroutines { coroutine.resume() }  // all parked at their yield
            let growth = residentBytes() - before
            let touched = coroutines.reduce(0) { $0 + $1.stackHighWater }
            for coroutine in coroutines { coroutine.resume() }
            let finished = coroutines.filter(\.isFinished).count
            return (steps, finished, touched, growth)
        }
        #expect(steps == 20_000)
        #expect(finished == 10_000)
        #expect(touched <= 10_000 * 8 * 1024, "a parked worker should touch a page or two of its stack")
        // Other suites may allocate concurrently, so this bound is loose; `touched` is exact.
        #expect(residentGrowth < 300 * 1024 * 1024)
    }
}

/// Each frame keeps a 512-byte buffer live across the recursive call.
private func recurse(depth: Int) -> Int {
    guard depth > 0 else { return 0 }
    return withUnsafeTemporaryAllocation(byteCount: 512, alignment: 16) { buffer in
        buffer.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: depth))
        return depth + recurse(depth: depth - 1) + Int(buffer[0]) - Int(UInt8(truncatingIfNeeded: depth))
    }
}

/// This process's resident set, from /proc/self/statm (second field, in pages).
private func residentBytes() -> Int {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = statm.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Coroutine.pageSize : 0
}
