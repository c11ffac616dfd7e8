extension FetchRecord {
    /// A record from one line of cfetch's JSONL (the inverse of the `jsonl` format), field
    /// by field through `RecordField`, read with `JSONScanner`; nil for a line that is not
    /// one (not a JSON object, or a field a record needs missing or of the wrong type).
    public init?(jsonLine line: some Sequence<UInt8>) {
        let bytes = Array(line)
        let values: [RecordField: JSONFieldValue]? = bytes.withUnsafeBufferPointer { buffer in
            var values: [RecordField: JSONFieldValue] = [:]
            do {
                try JSONScanner.members(of: buffer) { key, value in
                    // A key cfetch does not write (a newer cfetch's, a hand-added one) is skipped.
                    guard let name = JSONScanner.string(key, in: buffer), let field = RecordField(rawValue: name) else {
                        return
                    }
                    values[field] = JSONFieldValue(value, in: buffer)
                }
            } catch {
                return nil
            }
            return values
        }
        guard let values else { return nil }
        var record = FetchRecord.blank
        for field in RecordField.ordered {
            guard field.decode(values[field], into: &record) else { return nil }
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
