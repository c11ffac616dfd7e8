/// The input lines earlier runs finished, for `--skip-done`: a sorted array of 64-bit
/// digests of (URL, id) with a directory on their top bits, not the strings. Ten million
/// URLs take 80 MB of digests and 16 MB of directory, and a look-up reads two cache lines.
///
/// The digests are Swift's `Hasher` (SipHash, seeded per process): the set lives and dies
/// with one run, and a chance collision between two of ten million URLs is about 3 in a
/// million runs. Sorting a flat array instead of filling a hash table keeps the peak near
/// the final size: a table that doubles while it is filled holds both sizes at once.
public final class DoneSet: Sendable {
    /// Sorted, each once.
    private let digests: [UInt64]
    /// The digests whose top bits are `b` are `digests[directory[b]..<directory[b + 1]]`.
    private let directory: [UInt32]
    /// Shifts a digest down to its directory bucket.
    private let shift: UInt64
    /// The done files, for the summary: `done in out.jsonl`.
    public let sources: [String]

    /// How many (URL, id) pairs are done.
    public var count: Int { digests.count }

    /// The bytes its arrays hold (for the memory test and the measurements).
    var storageBytes: Int { digests.capacity * 8 + directory.capacity * 4 }

    /// - Parameter digests: taken, not copied: it is sorted in place.
    init(digests: consuming [UInt64], sources: [String]) {
        digests.sort()
        var kept = 0
        for position in digests.indices where kept == 0 || digests[position] != digests[kept - 1] {
            digests[kept] = digests[position]
            kept += 1
        }
        digests.removeLast(digests.count - kept)
        // About four digests a bucket.
        var bits: UInt64 = 0
        while 1 << bits < digests.count / 4 { bits += 1 }
        let buckets = 1 << Int(bits)
        var directory = [UInt32](repeating: UInt32(digests.count), count: buckets + 1)
        var bucket = 0
        for (position, digest) in digests.enumerated() {
            let own = Int(digest >> (64 - bits))
            while bucket <= own {
                directory[bucket] = UInt32(position)
                bucket += 1
            }
        }
        self.digests = consume digests
        self.directory = directory
        shift = 64 - bits
        self.sources = sources
    }

    /// Whether the line with this URL (as given; its password is redacted here, as in the
    /// record) and id (JSON text; nil for a plain line) is done.
    public func contains(url: String, id: String?) -> Bool {
        contains(digest: Self.digest(url: CredentialRedaction.redact(url), idText: id.map(RecordID.text(ofJSON:))))
    }

    func contains(digest: UInt64) -> Bool {
        let bucket = Int(digest >> shift)
        var position = Int(directory[bucket])
        let end = Int(directory[bucket + 1])
        while position < end {
            if digests[position] == digest { return true }
            position += 1
        }
        return false
    }

    /// The digest of a record's URL (redacted, as records have it) and its id's text (`a1`
    /// for `"a1"`, so a CSV column and a JSONL value agree; no id and an empty one are one).
    static func digest(url: String, idText: String?) -> UInt64 {
        var hasher = Hasher()
        var url = url
        url.withUTF8 { bytes in
            // The length first: no URL and id can run together into another pair.
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if var id = idText, !id.isEmpty {
            id.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        return UInt64(UInt(bitPattern: hasher.finalize()))
    }
}
