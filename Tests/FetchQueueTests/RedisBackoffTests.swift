import FetchQueue
import Testing

/// The reconnect delays: doubling, capped, jittered within bounds, repeatable with a seed.
@Suite("Redis reconnect back-off")
struct RedisBackoffTests {
    @Test("without jitter it doubles from 50 ms and stops at 5 s")
    func doublesToCap() {
        var backoff = RedisBackoff(jitter: 0)
        var generator = SeededGenerator(seed: 1)
        let delays = (0..<10).map { _ in backoff.next(using: &generator) }
        #expect(
            delays == [50, 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000].map { Duration.milliseconds($0) })
        #expect(backoff.attempt == 10)
    }

    @Test("each jittered delay lies in its base's upper part, and they are not all the base")
    func jitterWithinBounds() {
        var backoff = RedisBackoff(jitter: 0.5)
        var generator = SeededGenerator(seed: 42)
        var shortened = 0
        for _ in 0..<200 {
            let base = backoff.nextBase
            let delay = backoff.next(using: &generator)
            #expect(delay <= base && delay >= base / 2, "\(delay) outside \(base / 2)...\(base)")
            if delay < base { shortened += 1 }
        }
        #expect(shortened > 150)
        #expect(backoff.nextBase == .seconds(5))
    }

    @Test("the same seed gives the same delays; another seed others")
    func deterministicUnderSeed() {
        func delays(seed: UInt64) -> [Duration] {
            var backoff = RedisBackoff()
            var generator = SeededGenerator(seed: seed)
            return (0..<12).map { _ in backoff.next(using: &generator) }
        }
        #expect(delays(seed: 7) == delays(seed: 7))
        #expect(delays(seed: 7) != delays(seed: 8))
    }

    @Test("reset starts again from the initial delay")
    func resets() {
        var backoff = RedisBackoff(initial: .milliseconds(10), maximum: .seconds(1), jitter: 0)
        for _ in 0..<5 { _ = backoff.next() }
        #expect(backoff.nextBase == .milliseconds(320))
        backoff.reset()
        #expect(backoff.attempt == 0)
        #expect(backoff.next() == .milliseconds(10))
    }

    @Test("thousands of attempts stay at the cap (no overflow)")
    func manyAttempts() {
        var backoff = RedisBackoff(maximum: .seconds(30))
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<5000 { _ = backoff.next(using: &generator) }
        #expect(backoff.nextBase == .seconds(30))
        let delay = backoff.next(using: &generator)
        #expect(delay >= .seconds(15) && delay <= .seconds(30))
    }
}
