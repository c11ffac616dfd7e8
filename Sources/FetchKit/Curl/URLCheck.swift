import CLinuxCurl

/// Why an input line cannot be fetched.
public struct URLProblem: Error, Sendable, Equatable {
    public let errorClass: ErrorClass
    public let message: String

    public init(errorClass: ErrorClass, message: String) {
        self.errorClass = errorClass
        self.message = message
    }
}

/// Decides whether a line is an http(s) URL, with curl's own URL parser, so that what we
/// accept is exactly what curl will fetch.
enum URLCheck {
    static func problem(with url: String) -> URLProblem? {
        check(url, keyingHost: false).problem
    }

    /// Whether `url` can be fetched and, when asked and it can, its host as the frontier
    /// counts it — from the one parse (the input reader's thread does this work, not the
    /// loop's).
    static func check(_ url: String, keyingHost: Bool) -> (problem: URLProblem?, host: HostKey?) {
        guard let handle = curl_url() else {
            return (URLProblem(errorClass: .other, message: "curl_url failed"), nil)
        }
        defer { curl_url_cleanup(handle) }
        let problem = problem(with: url, parsedBy: handle)
        guard problem == nil, keyingHost else { return (problem, nil) }
        return (nil, host(parsedBy: handle))
    }

    private static func problem(with url: String, parsedBy handle: OpaquePointer) -> URLProblem? {
        let parsed = curl_url_set(handle, CURLUPART_URL, url, 0)
        switch parsed {
        case CURLUE_OK:
            break
        case CURLUE_UNSUPPORTED_SCHEME:
            return unsupported(scheme: url.prefix { $0 != ":" })
        case CURLUE_BAD_SCHEME where !url.contains("://"):
            return URLProblem(errorClass: .invalidURL, message: "not a URL: no http:// or https:// scheme")
        default:
            return URLProblem(errorClass: .invalidURL, message: String(cString: curl_url_strerror(parsed)))
        }
        var scheme: UnsafeMutablePointer<CChar>? = nil
        guard curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK, let scheme else {
            return URLProblem(errorClass: .invalidURL, message: "not a URL: no scheme")
        }
        defer { curl_free(scheme) }
        let name = String(cString: scheme).lowercased()
        return name == "http" || name == "https" ? nil : unsupported(scheme: Substring(name))
    }

    /// The host key of the URL `handle` parsed (a fetchable one), as `HostKey(url:)` makes it.
    private static func host(parsedBy handle: OpaquePointer) -> HostKey? {
        func part(_ part: CURLUPart, _ flags: UInt32 = 0) -> String? {
            var text: UnsafeMutablePointer<CChar>? = nil
            guard curl_url_get(handle, part, &text, flags) == CURLUE_OK, let text else { return nil }
            defer { curl_free(text) }
            return String(cString: text)
        }
        return HostKey(
            scheme: part(CURLUPART_SCHEME), host: part(CURLUPART_HOST),
            port: part(CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT)))
    }

    private static func unsupported(scheme: Substring) -> URLProblem {
        URLProblem(
            errorClass: .unsupportedScheme,
            message: "scheme \"\(scheme)\" is not supported: only http and https are fetched")
    }
}
