import Testing

@testable import FetchKit

@Suite("Adaptive per-host concurrency (AIMD)")
struct AdaptiveLimitTests {
    @Test("halves on a push-back, never below 1; grows by one after a window of successes, never above the ceiling")
    func increaseAndDecrease() {
        var limit = AdaptiveLimit(start: 4, ceiling: 6)
        var now: UInt64 = 10
        func step(_ pushedBack: Bool, ok: Bool = true) {
            now += 1
            _ = limit.take(pushedBack: pushedBack, ok: ok, startedAt: now, now: now)
        }
        for _ in 0..<4 { step(false) }
        #expect(limit.limit == 5)
        for _ in 0..<5 { step(false) }
        #expect(limit.limit == 6)
        for _ in 0..<50 { step(false) }
        #expect(limit.limit == 6)
        step(true)
        #expect(limit.limit == 3)
        step(true)
        step(true)
        step(true)
        #expect(limit.limit == 1)
        // Failures that are not push-backs change nothing.
        step(false, ok: false)
        #expect(limit.limit == 1)
        step(false)
        #expect(limit.limit == 2)
        #expect(limit.decreases == 4)
    }

    @Test("push-backs to requests sent before the last decrease halve it once, as TCP halves once per round trip")
    func oneDecreasePerWindow() {
        var limit = AdaptiveLimit(start: 8, ceiling: .max)
        _ = limit.take(pushedBack: true, ok: false, startedAt: 5, now: 100)
        _ = limit.take(pushedBack: true, ok: false, startedAt: 6, now: 101)
        _ = limit.take(pushedBack: true, ok: false, startedAt: 7, now: 102)
        #expect(limit.limit == 4)
        _ = limit.take(pushedBack: true, ok: false, startedAt: 100, now: 103)
        #expect(limit.limit == 2)
    }

    @Test("the start is clamped to the ceiling and to at least 1")
    func startClamped() {
        #expect(AdaptiveLimit(start: 4, ceiling: 2).limit == 2)
        #expect(AdaptiveLimit(start: 0, ceiling: 10).limit == 1)
    }
}
