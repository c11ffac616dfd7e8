/// `-w/--write-out`: each record written as its template says, instead of an output format
/// (no header, no footer; no newline unless the template has one, as curl).
struct WriteOutFormatter: RecordFormatter {
    let template: WriteOutTemplate

    var header: String? { nil }

    func footer(_ summary: RunSummary) -> String? { nil }

    func format(_ record: FetchRecord, into output: inout [UInt8]) {
        var ignored: [UInt8] = []
        format(record, into: &output, errorOutput: &ignored)
    }

    func format(_ record: FetchRecord, into output: inout [UInt8], errorOutput: inout [UInt8]) {
        var toStderr = false
        for part in template.parts {
            switch part {
            case .onError:
                if record.ok { return }
            case .toStderr(let flag):
                toStderr = flag
            default:
                if toStderr {
                    Self.append(part, of: record, to: &errorOutput)
                } else {
                    Self.append(part, of: record, to: &output)
                }
            }
        }
    }

    private static func append(_ part: WriteOutTemplate.Part, of record: FetchRecord, to output: inout [UInt8]) {
        switch part {
        case .literal(let bytes): output.append(contentsOf: bytes)
        case .curl(let variable): variable.append(record, to: &output)
        case .field(let field): field.appendPlain(record, to: &output)
        case .onError, .toStderr: break
        }
    }
}

extension RecordField {
    /// The field's value as `-w` writes it: as JSONL writes it, without quotes (an id as
    /// its text, as in CSV), and nothing for null.
    func appendPlain(_ record: FetchRecord, to output: inout [UInt8]) {
        switch value(in: record) {
        case .string(let text): if let text { output.append(utf8: text) }
        case .json(let text): if let text { output.append(utf8: RecordID.text(ofJSON: text)) }
        case .int(let number): if let number { output.append(decimal: number) }
        case .seconds(let seconds): output.append(seconds: seconds)
        case .bool(let flag): output.append(ascii: flag ? "true" : "false")
        }
    }
}
