/// The lists `cfetch bench` generates for the built-in server when no LIST is given.
public enum BenchWorkload: String, Sendable, CaseIterable {
    /// Many small responses, each held by the server: concurrency hides the waiting.
    case latency
    /// Many small bodies as fast as they come: per-transfer overhead dominates.
    case throughput
    /// Seeded mix of delays and sizes.
    case mixed

    public var defaultCount: Int {
        switch self {
        case .latency, .mixed: 2_000
        case .throughput: 10_000
        }
    }

    /// The URLs for `count` jobs on the server at `baseURL`: `delay` (ms) and `size`
    /// (bytes) set the latency and throughput workloads' one request; the mixed one draws
    /// both up to these values.
    /// Every URL is distinct (`?i=` its index), as in a real list: a tool that fetches a
    /// repeated URL once (wget2) or serves it from a cache does the same work as cfetch.
    public func urls(baseURL: String, count: Int, delay: Int, size: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let path: String
            switch self {
            case .latency: path = "/delay/\(delay)"
            case .throughput: path = "/bytes/\(size)"
            case .mixed:
                path =
                    random.next() % 2 == 0
                    ? "/delay/\(Self.draw(upTo: UInt64(delay * 2), &random))"
                    : "/bytes/\(Self.mixedSize(size, &random))"
            }
            return "\(baseURL)\(path)?i=\(index)"
        }
    }

    /// A mixed body size: 1 to `size * 16` bytes, or 0 when `size` is 0 (`--size 0` asks
    /// for empty bodies; drawing from an empty range was a division by zero).
    private static func mixedSize(_ size: Int, _ random: inout SplitMix64) -> UInt64 {
        size == 0 ? 0 : 1 + draw(upTo: UInt64(size * 16) - 1, &random)
    }

    /// A number from 0 to `largest`, both included (a full range too: no `% 0`).
    private static func draw(upTo largest: UInt64, _ random: inout SplitMix64) -> UInt64 {
        largest == .max ? random.next() : random.next() % (largest + 1)
    }

    /// What ran, as the table's footer and the report's header name it.
    public func describe(count: Int, delay: Int, size: Int) -> String {
        switch self {
        case .latency: "built-in latency workload: \(count) x /delay/\(delay)"
        case .throughput: "built-in throughput workload: \(count) x /bytes/\(size)"
        case .mixed:
            "built-in mixed workload: \(count) URLs, delays 0-\(delay * 2) ms, sizes \(size == 0 ? "0" : "1-\(size * 16)") B"
        }
    }
}
