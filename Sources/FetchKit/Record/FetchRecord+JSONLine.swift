import Foundation

extension FetchRecord {
    /// A record from one line of cfetch's JSONL (the inverse of the `jsonl` format), field
    /// by field through `RecordField`; nil for a line that is not one.
    public init?(jsonLine line: some DataProtocol) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return nil
        }
        var record = FetchRecord.blank
        for field in RecordField.ordered {
            guard field.decode(object[field.key], into: &record) else { return nil }
        }
        // A failed record always names a class; an unknown one (a newer cfetch's) is `other`.
        if !record.ok && record.error == nil { record.error = .other }
        self = record
    }

    /// What `init(jsonLine:)` fills in field by field.
    private static var blank: FetchRecord {
        FetchRecord(
            index: 0, url: "", ok: false, status: nil, bytes: 0, worker: 0, strategy: .callback, attempts: 1,
            queued: 0, start: 0, elapsed: 0, phases: PhaseTimes(), httpVersion: nil, contentType: nil,
            effectiveURL: nil, error: nil, message: nil)
    }
}
