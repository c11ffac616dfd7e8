/// The record contract, in one table: every field of a `FetchRecord` as users script
/// against it — its JSONL key and CSV column, in this order — with how to read its value
/// from a record, how it reads for people, and how to set it from a parsed JSONL value.
///
/// The JSONL and CSV formatters, the CSV header, the text view and `FetchRecord(jsonLine:)`
/// all go through this table. Adding a field is a stored property on `FetchRecord` and a
/// case here (in the place its key goes); the compiler then asks for its three branches.
public enum RecordField: String, CaseIterable, Sendable {
    case index
    case id
    case url
    case ok
    case status
    case bytes
    case worker
    case strategy
    case attempts
    case queued
    case hostWait = "host_wait"
    case start
    case elapsed
    case dns
    case connect
    case tls
    case ttfb
    case total
    case httpVersion = "http_version"
    case contentType = "content_type"
    case effectiveURL = "effective_url"
    case path
    case error
    case message
    case queueID = "queue_id"
    case consumer

    /// The JSONL key and CSV column name.
    public var key: String { rawValue }

    /// Every field in order (`allCases` is rebuilt on each call; the formatters ask per record).
    public static let ordered: [RecordField] = allCases

    /// The keys in order: the CSV header.
    public static let keys: [String] = ordered.map(\.key)

    /// The field's value in `record`, typed for the flat formats.
    @inline(__always)
    func value(in record: FetchRecord) -> FieldValue {
        switch self {
        case .index: .int(record.index)
        case .id: .json(record.id)
        case .url: .string(record.url)
        case .ok: .bool(record.ok)
        case .status: .int(record.status)
        case .bytes: .int(record.bytes)
        case .worker: .int(record.worker)
        case .strategy: .string(record.strategy.rawValue)
        case .attempts: .int(record.attempts)
        case .queued: .seconds(record.queued)
        case .hostWait: .seconds(record.hostWait)
        case .start: .seconds(record.start)
        case .elapsed: .seconds(record.elapsed)
        case .dns: .seconds(record.phases.dns)
        case .connect: .seconds(record.phases.connect)
        case .tls: .seconds(record.phases.tls)
        case .ttfb: .seconds(record.phases.ttfb)
        case .total: .seconds(record.phases.total)
        case .httpVersion: .string(record.httpVersion)
        case .contentType: .string(record.contentType)
        case .effectiveURL: .string(record.effectiveURL)
        case .path: .string(record.path)
        case .error: .string(record.error?.rawValue)
        case .message: .string(record.message)
        case .queueID: .string(record.queueID)
        case .consumer: .string(record.consumer)
        }
    }

    /// How the field reads for people (the text view): byte counts as `12.4 KB`, seconds
    /// as `0.21 s`, an empty URL as `(empty)`, null as `-`.
    func text(in record: FetchRecord) -> String {
        switch self {
        case .url: return record.url.isEmpty ? "(empty)" : record.url
        case .bytes: return ByteCount.format(record.bytes)
        default: break
        }
        switch value(in: record) {
        case .string(let text): return text ?? "-"
        case .json(let text): return text.map(RecordID.text(ofJSON:)) ?? "-"
        case .int(let number): return number.map(String.init) ?? "-"
        case .seconds(let seconds): return "\(NumberText.fixed(seconds, 2)) s"
        case .bool(let flag): return flag ? "true" : "false"
        }
    }

    /// Sets the field in `record` from `json`, the value the line gave for its key (nil
    /// when the key is missing). False when a field a record cannot do without is missing
    /// or of the wrong type; optional fields read a missing value as null and times as 0,
    /// as older or hand-written lines may lack them.
    func decode(_ json: JSONFieldValue?, into record: inout FetchRecord) -> Bool {
        switch self {
        case .index: return Self.require(json?.int, into: &record.index)
        case .id: record.id = RecordID.json(parsed: json)
        case .url: return Self.require(json?.string, into: &record.url)
        case .ok: return Self.require(json?.bool, into: &record.ok)
        case .status: record.status = json?.int
        case .bytes: return Self.require(json?.int, into: &record.bytes)
        case .worker: return Self.require(json?.int, into: &record.worker)
        case .strategy:
            guard let name = json?.string, let strategy = StrategyKind(rawValue: name) else { return false }
            record.strategy = strategy
        case .attempts: record.attempts = json?.int ?? 1
        case .queued: record.queued = Self.seconds(json)
        case .hostWait: record.hostWait = Self.seconds(json)
        case .start: record.start = Self.seconds(json)
        case .elapsed: record.elapsed = Self.seconds(json)
        case .dns: record.phases.dns = Self.seconds(json)
        case .connect: record.phases.connect = Self.seconds(json)
        case .tls: record.phases.tls = Self.seconds(json)
        case .ttfb: record.phases.ttfb = Self.seconds(json)
        case .total: record.phases.total = Self.seconds(json)
        case .httpVersion: record.httpVersion = json?.string
        case .contentType: record.contentType = json?.string
        case .effectiveURL: record.effectiveURL = json?.string
        case .path: record.path = json?.string
        case .error: record.error = json?.string.flatMap(ErrorClass.init(rawValue:))
        case .message: record.message = json?.string
        case .queueID: record.queueID = json?.string
        case .consumer: record.consumer = json?.string
        }
        return true
    }

    private static func require<Value>(_ value: Value?, into field: inout Value) -> Bool {
        guard let value else { return false }
        field = value
        return true
    }

    private static func seconds(_ json: JSONFieldValue?) -> Double {
        json?.double ?? 0
    }
}

/// A field's value, typed as the flat formats write it.
enum FieldValue {
    case string(String?)
    /// JSON text written as it is (an id: a quoted string or a number); as its text in CSV.
    case json(String?)
    case int(Int?)
    case seconds(Double)
    case bool(Bool)
}

extension FieldValue {
    /// The most bytes `JSONLinesFormatter` writes for this value (`null` is 4).
    var mostJSONBytes: Int {
        switch self {
        case .string(let text): text.map { ReservedBytesWriter.mostQuotedBytes(utf8Count: $0.utf8.count) } ?? 4
        case .json(let text): text?.utf8.count ?? 4
        case .int(let number): number == nil ? 4 : ReservedBytesWriter.mostDecimalBytes
        case .seconds: ReservedBytesWriter.mostSecondsBytes
        case .bool: 5
        }
    }
}
