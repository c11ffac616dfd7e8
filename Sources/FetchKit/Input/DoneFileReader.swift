#if canImport(Glibc)
import Glibc
#endif

/// Reads the outputs of earlier runs for `--skip-done`: cfetch's JSONL or CSV (told apart
/// by the first line: `{`, or a header with `url` and `ok` columns), in any field order,
/// appended runs and repeated CSV headers included. Every record that is ok — and with
/// `includingErrors` every other one that is final (not `cancelled`: that line was never
/// finished) — marks its (URL, id) done.
///
/// A file that cannot be read, or is not a cfetch output, is the caller's usage error. A
/// line that is not a record (a run killed mid-write leaves half a line) is counted, not
/// fatal: the resume this serves follows exactly such runs.
public struct DoneFileReader {
    /// Longer than an input line can make: a record holds its URL twice, and a message.
    static let maxLineLength = 1 << 20

    private let includingErrors: Bool
    /// Digests in chunks, so the growing list never holds two copies of itself.
    private var chunks: [[UInt64]] = []
    private var malformed: [(path: String, lines: Int)] = []

    private init(includingErrors: Bool) {
        self.includingErrors = includingErrors
    }

    /// The done set of `paths`, and the one warning line to print when some lines were not
    /// records (nil when all were).
    public static func read(
        paths: [String], includingErrors: Bool
    ) throws -> (done: DoneSet, warning: String?) {
        var reader = DoneFileReader(includingErrors: includingErrors)
        for path in paths {
            try reader.read(path)
        }
        var all: [UInt64] = []
        all.reserveCapacity(reader.chunks.reduce(0) { $0 + $1.count })
        while !reader.chunks.isEmpty {
            all.append(contentsOf: reader.chunks.removeFirst())
        }
        return (DoneSet(digests: consume all, sources: paths), reader.warning)
    }

    private var warning: String? {
        let total = malformed.reduce(0) { $0 + $1.lines }
        guard total > 0 else { return nil }
        let files = malformed.map { "\($0.path): \($0.lines)" }.joined(separator: ", ")
        let lines = total == 1 ? "1 line that is not a record was" : "\(total) lines that are not records were"
        return "--skip-done: \(lines) ignored (\(files)); a run cut short leaves its last line incomplete"
    }

    private mutating func read(_ path: String) throws {
        guard case .descriptor(let fd, _) = try InputSource.file(path) else { return }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var lines = LineReader(fd: fd, maxLineLength: Self.maxLineLength)
        var bad = 0
        do {
            // The first line that is not blank says which format the file is.
            while let line = try lines.next() {
                guard case .text(let text) = line else {
                    bad += 1
                    continue
                }
                guard let first = text.first(where: { !Self.isSpace($0) }) else { continue }
                if first == UInt8(ascii: "{") {
                    // A JSON object without a record's url and ok (a JSONL input list, say)
                    // is not a cut line: the file is not what the user meant.
                    switch add(jsonLine: text) {
                    case .record: break
                    case .notJSON: bad += 1
                    case .notRecord: throw Self.notAnOutput(path)
                    }
                    while let line = try lines.next() {
                        guard case .text(let text) = line else {
                            bad += 1
                            continue
                        }
                        if !text.allSatisfy(Self.isSpace) && add(jsonLine: text) != .record { bad += 1 }
                    }
                } else {
                    var rows = CSVRowReader(lines: lines)
                    guard case .row(let header) = try rows.next(firstLine: text), let columns = CSVColumns(header)
                    else { throw Self.notAnOutput(path) }
                    bad += try add(csvRows: &rows, columns: columns)
                }
                break
            }
        } catch let error as SystemCallError {
            throw InputError(path: path, errno: error.errno)
        }
        if bad > 0 { malformed.append((path, bad)) }
    }

    private static func notAnOutput(_ path: String) -> UsageError {
        UsageError(
            "--skip-done \(path): not an output of cfetch (its first line is neither a JSON record with url and ok "
                + "nor a CSV header with url and ok columns)")
    }

    private enum LineKind {
        case record, notJSON, notRecord
    }

    /// Adds one JSONL record, if the line is one.
    private mutating func add(jsonLine line: [UInt8]) -> LineKind {
        line.withUnsafeBufferPointer { bytes in
            var url: JSONToken?
            var ok: JSONToken?
            var error: JSONToken?
            var id: JSONToken?
            do {
                try JSONScanner.members(of: bytes) { key, value in
                    if JSONScanner.key(key, in: bytes, is: "url") {
                        url = value
                    } else if JSONScanner.key(key, in: bytes, is: "ok") {
                        ok = value
                    } else if JSONScanner.key(key, in: bytes, is: "error") {
                        error = value
                    } else if JSONScanner.key(key, in: bytes, is: "id") {
                        id = value
                    }
                }
            } catch {
                return .notJSON
            }
            guard let url, url.kind == .string, let urlText = JSONScanner.string(url, in: bytes),
                let ok, ok.kind == .bool
            else { return .notRecord }
            let isOK = bytes[ok.range.lowerBound] == UInt8(ascii: "t")
            var cancelled = false
            if let error, error.kind == .string {
                cancelled = JSONScanner.string(error, in: bytes) == ErrorClass.cancelled.rawValue
            }
            var idText: String?
            if let id {
                switch id.kind {
                case .string: idText = JSONScanner.string(id, in: bytes)
                case .number: idText = String(decoding: UnsafeBufferPointer(rebasing: bytes[id.range]), as: UTF8.self)
                default: break
                }
            }
            add(url: urlText, idText: idText, ok: isOK, cancelled: cancelled)
            return .record
        }
    }

    /// Adds the rest of a CSV file's records; returns how many rows were not records.
    private mutating func add(csvRows rows: inout CSVRowReader, columns: CSVColumns) throws(SystemCallError) -> Int {
        var columns = columns
        var bad = 0
        while let next = try rows.next() {
            guard case .row(let row) = next else {
                bad += 1
                continue
            }
            if row.fields.count == 1 && row.fields[0].range.isEmpty { continue }
            let isOK = row.field(columns.ok, is: "true")
            guard row.fields.count == columns.count, isOK || row.field(columns.ok, is: "false"),
                let url = row.text(columns.url)
            else {
                // Another run appended to the file writes its header again.
                if let header = CSVColumns(row) { columns = header } else { bad += 1 }
                continue
            }
            let cancelled = columns.error.map { row.field($0, is: "cancelled") } ?? false
            add(url: url, idText: columns.id.flatMap { row.text($0) }, ok: isOK, cancelled: cancelled)
        }
        return bad
    }

    private mutating func add(url: String, idText: String?, ok: Bool, cancelled: Bool) {
        guard ok || (includingErrors && !cancelled) else { return }
        if chunks.last.map({ $0.count == $0.capacity }) ?? true {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(1 << 16)
        }
        chunks[chunks.count - 1].append(DoneSet.digest(url: url, idText: idText))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}

/// Where a cfetch CSV header puts the columns `--skip-done` reads.
private struct CSVColumns {
    var count: Int
    var url: Int
    var ok: Int
    var error: Int?
    var id: Int?

    /// Nil unless `row` is a header: every field a record key, `url` and `ok` among them.
    init?(_ row: CSVRowReader.Row) {
        let names = row.fields.indices.map { row.text($0) ?? "" }
        guard names.allSatisfy({ RecordField(rawValue: $0) != nil }),
            let url = names.firstIndex(of: RecordField.url.key), let ok = names.firstIndex(of: RecordField.ok.key)
        else { return nil }
        count = names.count
        self.url = url
        self.ok = ok
        error = names.firstIndex(of: RecordField.error.key)
        id = names.firstIndex(of: RecordField.id.key)
    }
}
