/// `--shard K/N`: this process fetches only the input lines whose index is K modulo N, so
/// N processes given the same list — GNU parallel's jobs, a Kubernetes indexed job, a
/// Slurm array — fetch it once between them. The other lines get no record here and keep
/// their index, as the other shards' records give it them.
public struct InputShard: Sendable, Equatable, CustomStringConvertible {
    /// K: 0 to count - 1.
    public let index: Int
    /// N: 1 to `maxCount`.
    public let count: Int

    public static let maxCount = 1_000_000

    public init?(index: Int, count: Int) {
        guard (1...Self.maxCount).contains(count), (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// "K/N", with 0 ≤ K < N ≤ `maxCount`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && !$0.hasPrefix("+") })
        else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether the line with this index is this shard's.
    public func contains(_ lineIndex: Int) -> Bool {
        lineIndex % count == index
    }

    public var description: String { "\(index)/\(count)" }
}

/// Input lines `--shard` left to the other shards, for the summary line.
public struct OtherShardLines: Sendable, Equatable {
    public var lines: Int
    public var shard: InputShard

    /// `6,666 lines left to the other shards (--shard 0/3)`.
    public var description: String {
        "\(SkippedInput.grouped(lines)) lines left to the other shards (--shard \(shard))"
    }
}
