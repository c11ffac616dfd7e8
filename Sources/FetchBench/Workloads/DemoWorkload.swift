/// The demo's generated list: mostly delayed and sized responses, a little dripping, and
/// a few planned failures, in a deterministic order for a given seed.
public struct DemoWorkload: Sendable {
    public let count: Int
    public let seed: UInt64

    public init(count: Int, seed: UInt64) {
        self.count = count
        self.seed = seed
    }

    /// The list, for the built-in server at `baseURL`.
    public func urls(baseURL: String) -> [String] {
        var random = SplitMix64(seed: seed)
        let failures = [
            "/status/404", "/status/503", "/reset", "/truncated", "not a url", "ftp://127.0.0.1/file",
        ]
        var urls: [String] = []
        for position in 0..<count {
            // A planned failure every 50 URLs, at a seeded offset.
            if position % 50 == Int(seed % 50) {
                let failure = failures[(position / 50) % failures.count]
                urls.append(failure.hasPrefix("/") ? baseURL + failure : failure)
                continue
            }
            let roll = random.next() % 100
            switch roll {
            case 0..<70: urls.append("\(baseURL)/delay/\(20 + random.next() % 280)")
            case 70..<95: urls.append("\(baseURL)/bytes/\(1_000 + random.next() % 199_000)")
            default: urls.append("\(baseURL)/drip?bytes=2000&ms=\(100 + random.next() % 300)")
            }
        }
        return urls
    }
}
