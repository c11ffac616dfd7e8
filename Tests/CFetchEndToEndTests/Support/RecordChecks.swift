import Testing

/// Checks every record shares, whatever its outcome.
func expectWellFormed(
    _ record: JSONRecord,
    strategy: String,
    workers: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(record.keys == designKeys, "keys out of DESIGN order: \(record)", sourceLocation: sourceLocation)
    #expect(record.strategy == strategy, "\(record)", sourceLocation: sourceLocation)
    #expect(record.ok != nil, "ok is not a JSON boolean: \(record)", sourceLocation: sourceLocation)
    #expect(record.index != nil, "\(record)", sourceLocation: sourceLocation)
    if let worker = record.worker {
        #expect(
            (1...workers).contains(worker),
            "worker out of 1...\(workers): \(record)",
            sourceLocation: sourceLocation
        )
    } else {
        Issue.record("worker is not an integer: \(record)", sourceLocation: sourceLocation)
    }
    for key in timeKeys {
        if let seconds = record.double(key) {
            #expect(seconds >= 0, "\(key) < 0: \(record)", sourceLocation: sourceLocation)
        } else {
            Issue.record("\(key) is not a number: \(record)", sourceLocation: sourceLocation)
        }
    }
    #expect(record.status != nil || record.isNull("status"), "\(record)", sourceLocation: sourceLocation)
    #expect(record.bytes.map { $0 >= 0 } == true, "\(record)", sourceLocation: sourceLocation)
    // ok ⇔ no error class.
    #expect(
        (record.ok == true) == record.isNull("error"),
        "ok and error disagree: \(record)",
        sourceLocation: sourceLocation
    )
}

/// Every index in `0..<count` exactly once.
func expectIndexesCover(
    _ records: [JSONRecord],
    count: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let indexes = records.compactMap(\.index).sorted()
    #expect(indexes == Array(0..<count), "indexes: \(indexes)", sourceLocation: sourceLocation)
}
