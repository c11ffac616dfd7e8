/// The `-x/--proxy` value: checked against curl's proxy syntax, and shown with its password
/// hidden wherever cfetch prints it.
package enum ProxyAddress {
    /// The schemes libcurl 7.88 proxies through; curl takes a proxy without one as http.
    package static let schemes = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    /// Throws the one-line usage error unless curl can use `proxy` as a proxy ("" is no proxy).
    package static func check(_ proxy: String) throws(UsageError) {
        guard !proxy.isEmpty else { return }
        let separator = proxy.firstRange(of: "://")
        if let separator {
            let scheme = proxy[..<separator.lowerBound].lowercased()
            guard schemes.contains(scheme) else {
                throw UsageError(
                    "--proxy '\(redacted(proxy))': the scheme must be one of \(schemes.joined(separator: ", ")), "
                        + "not '\(scheme)'")
            }
        }
        // The rest as curl's URL parser reads an http URL's: socks schemes are no URL schemes to it.
        let rest = separator.map { proxy[$0.upperBound...] } ?? Substring(proxy)
        guard let parsed = CurlURL(parsing: "http://" + rest), let host = parsed.part(.host), !host.isEmpty else {
            throw UsageError(
                "--proxy '\(redacted(proxy))' is not a proxy address: expected [scheme://][user:password@]host[:port]")
        }
    }

    /// `proxy` with the password of its user-info, if any, as `***`, as record URLs show theirs.
    package static func redacted(_ proxy: String) -> String {
        guard proxy.contains("@") else { return proxy }
        if proxy.contains("://") { return CredentialRedaction.redact(proxy) }
        return String(CredentialRedaction.redact("http://" + proxy).dropFirst("http://".count))
    }
}
