/// How long to wait before each attempt to reconnect: exponential from `initial`,
/// doubling to at most `maximum`, each delay drawn at random from its upper part
/// (`jitter`): workers that lost the same server at the same moment then do not all
/// knock on it again at the same moment when it comes back.
///
/// A value type: each connection keeps its own, and `reset()` after a success. The
/// random source is a parameter, so a test with a seeded generator sees fixed delays.
public struct RedisBackoff: Sendable, Equatable {
    public let initial: Duration
    public let maximum: Duration
    public let multiplier: Double
    /// The fraction of each delay that is random: a delay of base `d` is drawn from
    /// `d * (1 - jitter) ... d`. 0 gives the plain doubling; 1 "full jitter".
    public let jitter: Double
    /// Delays handed out since the last `reset()`.
    public private(set) var attempt = 0

    /// The defaults: 50 ms, 100 ms, 200 ms, … up to 5 s, each up to half shorter at random.
    public init(
        initial: Duration = .milliseconds(50), maximum: Duration = .seconds(5), multiplier: Double = 2,
        jitter: Double = 0.5
    ) {
        precondition(initial > .zero && maximum >= initial, "the back-off needs 0 < initial <= maximum")
        precondition(multiplier >= 1, "the back-off must not shrink")
        precondition((0...1).contains(jitter), "jitter is a fraction from 0 to 1")
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitter = jitter
    }

    /// The delay before the next attempt, without jitter: `initial * multiplier^attempt`,
    /// capped at `maximum`.
    public var nextBase: Duration {
        let seconds = Self.seconds(initial) * Self.pow(multiplier, attempt)
        // Compared as a Double: after enough attempts the product is past what a Duration
        // holds (or infinite).
        return seconds < Self.seconds(maximum) ? Self.duration(seconds) : maximum
    }

    /// The delay before the next attempt, and counts the attempt.
    public mutating func next<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Duration {
        let base = Self.seconds(nextBase)
        attempt += 1
        let shortening = jitter == 0 ? 0 : Double.random(in: 0...jitter, using: &generator)
        return Self.duration(base * (1 - shortening))
    }

    /// `next(using:)` with the system's random numbers.
    public mutating func next() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return next(using: &generator)
    }

    /// Back to `initial`, after a connection succeeded.
    public mutating func reset() {
        attempt = 0
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static func duration(_ seconds: Double) -> Duration {
        .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// `base^exponent` by squaring, so the library needs no libm import for one power.
    private static func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        var factor = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result *= factor }
            factor *= factor
            remaining >>= 1
        }
        return result
    }
}
