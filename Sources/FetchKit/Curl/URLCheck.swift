import CLinuxCurl

/// Why an input line cannot be fetched.
public struct URLProblem: Error, Sendable, Equatable {
    public let errorClass: ErrorClass
    public let message: String
}

/// Decides whether a line is an http(s) URL, with curl's own URL parser, so that what we
/// accept is exactly what curl will fetch.
enum URLCheck {
    static func problem(with url: String) -> URLProblem? {
        guard let handle = curl_url() else {
            return URLProblem(errorClass: .other, message: "curl_url failed")
        }
        defer { curl_url_cleanup(handle) }
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

    private static func unsupported(scheme: Substring) -> URLProblem {
        URLProblem(
            errorClass: .unsupportedScheme,
            message: "scheme \"\(scheme)\" is not supported: only http and https are fetched")
    }
}
