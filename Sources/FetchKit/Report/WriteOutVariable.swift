/// The `-w/--write-out` variables cfetch takes from curl, under curl's names and with
/// curl's meanings, each read from a record. (Every record field is a variable too, by its
/// key: `WriteOutTemplate` looks those up in `RecordField`.)
enum WriteOutVariable: String, CaseIterable, Sendable {
    case url
    case urlnum
    case httpCode = "http_code"
    case sizeDownload = "size_download"
    case timeNamelookup = "time_namelookup"
    case timeConnect = "time_connect"
    case timeAppconnect = "time_appconnect"
    case timeStarttransfer = "time_starttransfer"
    case timeTotal = "time_total"
    case numRedirects = "num_redirects"
    case urlEffective = "url_effective"
    case contentType = "content_type"
    case errormsg
    case exitcode
    case json

    /// Appends the variable's value in `record` as curl writes it: seconds with six
    /// decimals, `http_code` as three digits (000 when no response came), nothing for a
    /// value the transfer does not have.
    func append(_ record: FetchRecord, to output: inout [UInt8]) {
        switch self {
        case .url: output.append(utf8: record.url)
        case .urlnum: output.append(decimal: record.index)
        case .httpCode:
            let code = record.status ?? 0
            if code < 100 { output.append(UInt8(ascii: "0")) }
            if code < 10 { output.append(UInt8(ascii: "0")) }
            output.append(decimal: code)
        case .sizeDownload: output.append(decimal: record.bytes)
        case .timeNamelookup: output.append(seconds: record.phases.dns)
        case .timeConnect: output.append(seconds: record.phases.connect)
        case .timeAppconnect: output.append(seconds: record.phases.tls)
        case .timeStarttransfer: output.append(seconds: record.phases.ttfb)
        case .timeTotal: output.append(seconds: record.phases.total)
        case .numRedirects: output.append(decimal: record.redirects)
        // curl names the URL it tried even when nothing answered.
        case .urlEffective: output.append(utf8: record.effectiveURL ?? record.url)
        case .contentType: if let type = record.contentType { output.append(utf8: type) }
        case .errormsg: if !record.ok, let message = record.message { output.append(utf8: message) }
        case .exitcode: output.append(decimal: CurlExitCode.of(record))
        case .json:
            Self.jsonLine.format(record, into: &output)
            output.removeLast()  // the line's newline: `%{json}` is the object
        }
    }

    private static let jsonLine = JSONLinesFormatter()
}
