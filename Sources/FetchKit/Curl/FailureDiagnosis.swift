import CLinuxCurl

/// The honest class and message of a failure curl reports with a code shared by unlike
/// causes, found from curl's message and what `ResponseWatch` saw (measured against
/// curl 7.88 and the test server's `/fault/…` endpoints):
///
/// | what happened | curl says | class |
/// |---|---|---|
/// | garbage or no status line | 1 "Received HTTP/0.9 when not allowed" | `protocol` |
/// | `HTTP/1.1 abc OK` | 1 "Unsupported HTTP version in response" | `protocol` |
/// | a redirect to `file://` (any scheme but http/https) | 1 "Protocol "file" not supported…" | `unsupported-scheme` |
/// | a bad chunk size | 56 "… in chunked-encoding" | `protocol` |
/// | endless `100 Continue` | 56 "Too large response headers" | `protocol` |
/// | a header section over 300 KiB | 56 "Too large response headers" | `too-large` |
/// | a header line over 100 KiB | 27 "Out of memory" | `too-large` |
/// | two different Content-Lengths | 18 (the last one wins), caught by us: 23 | `protocol` |
/// | a body over `--max-filesize` | 63, or 23 from `BodySink` | `too-large` |
/// | TLS 1.3: the server refuses the client's certificate (or its lack) | 56 "OpenSSL SSL_read: … alert …" | `tls` |
struct FailureDiagnosis {
    var errorClass: ErrorClass
    var message: String
    /// The URL to report instead of curl's effective URL (which is a refused redirect's target).
    var effectiveURL: String?

    static func overLimit(_ limit: Int) -> String {
        "body larger than --max-filesize (\(limit) bytes)"
    }

    /// nil when curl's code alone says it (`ErrorClass(curlCode:)`, curl's message).
    init?(code: CURLcode, result: TransferResult, watch: ResponseWatch, limit: Int?) {
        let curlMessage = result.message ?? ""
        switch code {
        case CURLE_WRITE_ERROR:
            guard let lengths = watch.conflictingLengths else { return nil }
            self.init(
                .protocolError, "malformed response: conflicting Content-Length headers (\(lengths.0) and \(lengths.1))"
            )
        case CURLE_UNSUPPORTED_PROTOCOL:
            if let from = watch.redirectingURL, let target = result.info.effectiveURL, !Self.isHTTP(target) {
                let shown = CredentialRedaction.redact(target)
                self.init(.unsupportedScheme, "redirect to \(shown) refused: only http and https are fetched")
                effectiveURL = from
            } else if curlMessage.contains("HTTP/0.9") {
                self.init(.protocolError, "malformed response: no HTTP status line (an HTTP/0.9 reply, or not HTTP)")
            } else if curlMessage.contains("HTTP version") {
                self.init(.protocolError, "malformed response: invalid HTTP status line")
            } else {
                self.init(.protocolError, "malformed response: \(curlMessage)")
            }
        case CURLE_RECV_ERROR where curlMessage.hasPrefix("Too large response headers"):
            if let status = watch.lastStatus, status < 200 {
                self.init(
                    .protocolError,
                    "malformed response: \(watch.interimResponses) interim (1xx) responses and no final one")
            } else {
                self.init(.tooLarge, "response headers larger than curl's limit of 300 KiB (\(curlMessage))")
            }
        case CURLE_RECV_ERROR where curlMessage.hasPrefix("OpenSSL SSL_read:") && curlMessage.contains(" alert "):
            // TLS 1.3 checks the client's certificate after the handshake: the refusal is
            // an alert on the first read, not a reset.
            self.init(.tls, curlMessage)
        case CURLE_RECV_ERROR where curlMessage.contains("chunked-encoding"):
            self.init(.protocolError, "malformed response: \(curlMessage)")
        case CURLE_OUT_OF_MEMORY where result.bytes == 0:
            self.init(.tooLarge, "a response header line is longer than curl's limit of 100 KiB")
        case CURLE_FILESIZE_EXCEEDED:
            guard let limit else { return nil }
            self.init(.tooLarge, Self.overLimit(limit))
        case CURLE_WEIRD_SERVER_REPLY:
            self.init(.protocolError, "malformed response: \(curlMessage)")
        default:
            return nil
        }
    }

    private init(_ errorClass: ErrorClass, _ message: String) {
        self.errorClass = errorClass
        self.message = message
    }

    private static func isHTTP(_ url: String) -> Bool {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        return scheme == "http" || scheme == "https"
    }
}
