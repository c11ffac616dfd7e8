/// Output formatted and not yet written: the bytes of several pieces (records, the header,
/// the footer) that go out with one write(2), and where each piece ends.
///
/// The ends are what make a batch honest when stdout takes only part of it: the records
/// wholly written are counted as written, and a regular file is cut back to the last whole
/// piece (a `-w` template need not end its records with a newline, so the bytes alone
/// cannot say where a record ends).
struct RecordBatch {
    /// Where a piece ends in `bytes`, and whether it is a record (the header and the footer
    /// are written, but are not records).
    private struct Piece {
        var end: Int
        var isRecord: Bool
    }

    private(set) var bytes: [UInt8] = []
    private var pieces: [Piece] = []
    /// The records among the pieces.
    private(set) var recordCount = 0
    /// The records themselves, in order, when the output reports which were written (queue
    /// mode settles them in the stream); empty otherwise.
    private(set) var kept: [FetchRecord] = []
    /// Where each kept record's piece lies in `bytes`, its final newline left out.
    private var keptLines: [Range<Int>] = []

    /// No piece, not even an empty record (a `-w` template may write nothing for one).
    var isEmpty: Bool { pieces.isEmpty }

    var byteCount: Int { bytes.count }

    /// Adds one piece, which `fill` appends to the bytes.
    mutating func append(record isRecord: Bool, _ fill: (inout [UInt8]) -> Void) {
        fill(&bytes)
        pieces.append(Piece(end: bytes.count, isRecord: isRecord))
        if isRecord { recordCount += 1 }
    }

    /// Adds a record's piece and keeps the record, to be reported once it is written.
    mutating func append(keeping record: FetchRecord, _ fill: (inout [UInt8]) -> Void) {
        let start = bytes.count
        append(record: true, fill)
        kept.append(record)
        let end = bytes.count > start && bytes[bytes.count - 1] == UInt8(ascii: "\n") ? bytes.count - 1 : bytes.count
        keptLines.append(start..<end)
    }

    /// The first `count` kept records, each with its piece's bytes as its JSON line when
    /// `asJSONLines` (the pieces are JSON objects with every field).
    func written(_ count: Int, asJSONLines: Bool) -> [WrittenRecord] {
        (0..<min(count, kept.count)).map { position in
            WrittenRecord(record: kept[position], jsonLine: asJSONLines ? bytes[keptLines[position]] : nil)
        }
    }

    /// The records, and the bytes, of the pieces wholly within the first `count` bytes.
    func whole(within count: Int) -> (records: Int, bytes: Int) {
        var records = 0
        var end = 0
        for piece in pieces {
            guard piece.end <= count else { break }
            if piece.isRecord { records += 1 }
            end = piece.end
        }
        return (records, end)
    }

    /// Empties the batch, keeping its storage for the next one.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
        kept.removeAll(keepingCapacity: true)
        keptLines.removeAll(keepingCapacity: true)
        recordCount = 0
    }
}
