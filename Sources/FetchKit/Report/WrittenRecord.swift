/// A record stdout took whole, as `Reporter`'s `onWritten` hands it over (queue mode
/// settles it in the stream then): the record, and, when stdout's lines are JSON objects
/// with every field, its line as written. That line is the text queue mode keeps in its
/// results, which spares the settler formatting each record a second time.
public struct WrittenRecord: Sendable {
    public let record: FetchRecord
    /// The record's JSON object as stdout got it, without the newline; nil when stdout's
    /// format is another (text, CSV, `--fields`, `-w`).
    public let jsonLine: ArraySlice<UInt8>?

    public init(record: FetchRecord, jsonLine: ArraySlice<UInt8>? = nil) {
        self.record = record
        self.jsonLine = jsonLine
    }
}
