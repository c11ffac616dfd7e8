/// The short kebab-case error classes of the record's `error` field: part of the record
/// contract, so a name never changes once released. (`ErrorClass+CurlCode.swift` maps
/// curl's result codes onto them.)
public enum ErrorClass: String, Sendable, CaseIterable {
    case invalidURL = "invalid-url"
    case unsupportedScheme = "unsupported-scheme"
    case dns
    case connect
    case timeout
    case tls
    case tooManyRedirects = "too-many-redirects"
    case reset
    case emptyReply = "empty-reply"
    case partial
    case tooLarge = "too-large"
    case http
    case output
    case cancelled
    /// Not fetched: the host's robots.txt disallows it for our user agent (`--robots`).
    case robots
    case protocolError = "protocol"
    /// Not fetched again (queue mode): the stream entry was delivered more than
    /// `--max-deliveries` times without a final record (workers crashed on it, or it failed
    /// transiently every time); it went to the dead-letter stream.
    case poisoned
    case other
}
