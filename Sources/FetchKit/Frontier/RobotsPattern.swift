/// One `Allow:` or `Disallow:` path, ready to match (RFC 9309 2.2.2–2.2.3): it matches a
/// path that starts with it, `*` standing for any run of bytes and a final `$` for the end.
///
/// Matched greedily, with no regex and no allocation: the pieces between `*`s are found
/// left to right, each at its first place after the one before; the earliest places leave the
/// most room for what follows, so when that fails nothing else could succeed.
struct RobotsPattern: Equatable {
    /// The pattern in `RobotsPath`'s spelling, as written after that; its length is the rule's weight.
    let bytes: [UInt8]
    /// The pieces between `*`s (empty ones kept, so a leading `*` gives an empty first piece),
    /// without the anchoring `$`.
    private let pieces: [[UInt8]]
    /// Whether the pattern ends with `$`: the path must end where the pattern does.
    private let anchored: Bool

    init(_ written: some Collection<UInt8>) {
        bytes = RobotsPath.normalised(written)
        anchored = bytes.last == UInt8(ascii: "$")
        let body = anchored ? bytes.dropLast() : bytes[...]
        pieces = body.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// The number of octets RFC 9309 weighs a rule by: the longest matching rule wins.
    var weight: Int { bytes.count }

    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = pieces[0]
        guard Self.occurs(first, in: path, at: 0) else { return false }
        var position = first.count
        guard pieces.count > 1 else { return !anchored || position == path.count }
        for piece in pieces[1..<(pieces.count - 1)] {
            guard let found = Self.firstPlace(of: piece, in: path, from: position) else { return false }
            position = found + piece.count
        }
        let last = pieces[pieces.count - 1]
        if anchored {
            let start = path.count - last.count
            return start >= position && Self.occurs(last, in: path, at: start)
        }
        return Self.firstPlace(of: last, in: path, from: position) != nil
    }

    private static func occurs(_ piece: [UInt8], in path: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + piece.count <= path.count else { return false }
        var offset = 0
        while offset < piece.count {
            guard path[start + offset] == piece[offset] else { return false }
            offset += 1
        }
        return true
    }

    private static func firstPlace(of piece: [UInt8], in path: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let lead = piece.first else { return start }
        var place = start
        while place + piece.count <= path.count {
            if path[place] == lead && occurs(piece, in: path, at: place) { return place }
            place += 1
        }
        return nil
    }
}
