/// The fixed byte strings of the malformed `/fault/…` responses: broken status lines,
/// broken framing, a header line too long for any client's limit.
enum MalformedResponses {
    /// Not HTTP at all: curl reads it as an HTTP/0.9 reply and refuses it.
    static let garbageStatusLine = "HELLO\r\nthis is not HTTP\r\n\r\n"

    /// A body with no status line and no headers, as an HTTP/0.9 server would answer.
    static let http09 = "an HTTP/0.9 style reply: a body with no status line\n"

    /// A well-formed version with a status code that is not three digits.
    static let badStatusCode = "HTTP/1.1 abc OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"

    /// Chunked framing whose first chunk size is not hexadecimal.
    static let badChunkSize =
        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"

    /// The same length twice: RFC 9112 §6.3 lets a recipient accept it.
    static let duplicateContentLength =
        "HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-length: 5\r\nconnection: close\r\n\r\nhello"

    /// Two different lengths: RFC 9112 §6.3 makes the message invalid. Sends the shorter body.
    static let conflictingContentLength =
        "HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-length: 10\r\nconnection: close\r\n\r\nhello"

    /// Bytes in the value of `/fault/huge-header-line`'s one long header (curl 7.88 allows 100 KiB).
    static let hugeHeaderValueLength = 1 << 20

    static var hugeHeaderLine: String {
        "HTTP/1.1 200 OK\r\nx-huge: " + String(repeating: "a", count: hugeHeaderValueLength)
            + "\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"
    }
}
