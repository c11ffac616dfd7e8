/// Hides a proxy's password in curl's message for a record. libcurl 7.88 quotes the whole
/// proxy string, credentials included, when it cannot use it ("Unsupported proxy scheme
/// for '…'", "Unsupported proxy syntax in '…'"): `-x` is checked before a run and never gets
/// there, but a proxy from `http_proxy` or `ALL_PROXY` is libcurl's own reading.
enum CurlMessageRedaction {
    /// `message` with the password of every quoted `[scheme://]user:password@host` as `***`.
    static func redact(_ message: String) -> String {
        guard message.contains("@") else { return message }
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return message }
        return parts.enumerated().map { index, part in
            index % 2 == 1 ? ProxyAddress.redacted(String(part)) : String(part)
        }.joined(separator: "'")
    }
}
