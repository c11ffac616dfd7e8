/// The proxy a run's transfers use, decided once: `-x` when given, else the environment's
/// (`ProxyEnvironment`), set on each handle as `CURLOPT_PROXY` so libcurl reads no
/// variable per transfer. `CURLOPT_PROXY` "" means no proxy, as `-x ""` does.
enum ProxyChoice: Equatable, Sendable {
    /// One proxy (or "" for none) for every URL: set once on each handle.
    case fixed(String)
    /// The environment names different proxies for http and https, and redirects are not
    /// followed: each transfer gets its URL's scheme's.
    case byScheme(http: String, https: String)
    /// The environment names different proxies for http and https, and a redirect may
    /// change the scheme mid-transfer: only curl can pick the proxy for each request, so it
    /// reads the variables itself.
    case leftToCurl

    init(proxy: String?, environment: ProxyEnvironment, followsRedirects: Bool) {
        if let proxy {
            self = .fixed(proxy)
        } else if environment.http == environment.https {
            self = .fixed(environment.http ?? "")
        } else if !followsRedirects {
            self = .byScheme(http: environment.http ?? "", https: environment.https ?? "")
        } else {
            self = .leftToCurl
        }
    }

    /// What to set on the handle with the run's other options; nil: nothing.
    var perHandle: String? {
        if case .fixed(let proxy) = self { return proxy }
        return nil
    }

    /// What to set for a transfer of `url`; nil: nothing (it is set per handle, or left to curl).
    func perTransfer(url: String) -> String? {
        guard case .byScheme(let http, let https) = self else { return nil }
        return URLScheme.isHTTPS(url) ? https : http
    }
}

/// The scheme of a URL the run has already checked to be http or https.
enum URLScheme {
    /// `https://…`, in any case (curl takes `HTTPS://` too).
    static func isHTTPS(_ url: String) -> Bool {
        var bytes = url.utf8.makeIterator()
        for expected in "https:".utf8 {
            guard let byte = bytes.next(), byte | 0x20 == expected | 0x20 else { return false }
        }
        return true
    }
}
