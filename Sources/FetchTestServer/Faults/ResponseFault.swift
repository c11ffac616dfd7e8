/// The misbehaving responses of `/fault/NAME`: what real servers (and attackers) sometimes
/// send, each written as exact bytes below NIO's HTTP encoder, so a client sees precisely
/// these bytes and not what NIO would make of them.
///
/// Each connection that gets one is closed afterwards (or never answered): a malformed
/// response leaves no framing a next request could follow.
enum ResponseFault: String, CaseIterable, Sendable {
    case garbageStatusLine = "garbage-status"
    case http09 = "http09"
    case badStatusCode = "bad-status-code"
    case badChunkSize = "bad-chunk-size"
    case duplicateContentLength = "duplicate-length"
    case conflictingContentLength = "conflicting-length"
    case hugeHeaderLine = "huge-header-line"
    case endlessHeaders = "endless-headers"
    case endlessContinues = "endless-continue"
    case gzipBomb = "gzip-bomb"
    case noAnswer = "no-answer"

    /// One line per fault for the index page.
    var summary: String {
        switch self {
        case .garbageStatusLine: "\"HELLO\" where the status line belongs, then close"
        case .http09: "a body with no status line and no headers (HTTP/0.9 style), then close"
        case .badStatusCode: "\"HTTP/1.1 abc OK\", then close"
        case .badChunkSize: "chunked body whose first chunk size is \"zz\", then close"
        case .duplicateContentLength: "two equal Content-Length headers (5 and 5), a 5-byte body"
        case .conflictingContentLength: "Content-Length 5 and Content-Length 10, 5 bytes, then close"
        case .hugeHeaderLine: "one header line of 1 MiB"
        case .endlessHeaders: "200, then header lines as fast as they are read, never ending"
        case .endlessContinues: "\"100 Continue\" responses as fast as they are read, never a final one"
        case .gzipBomb: "10 MiB of zeros, gzip-compressed (65 KB on the wire), Content-Encoding: gzip"
        case .noAnswer: "reads the request and never answers"
        }
    }
}
