#if canImport(Glibc)
import Glibc
#endif

/// The proxy variables of the environment, read once at start-up by the rules libcurl 7.88
/// applies to each transfer (`url.c`: `detect_proxy`, `create_conn_helper_init_proxy`).
/// Left to itself curl calls `getenv` for them on every transfer; a run that sets
/// `CURLOPT_PROXY` and `CURLOPT_NOPROXY` from this (`ProxyChoice`) spares it that.
///
/// As in curl, a variable set to the empty string counts as unset (`curl_getenv`).
struct ProxyEnvironment: Equatable, Sendable {
    /// For http URLs: `http_proxy` (never `HTTP_PROXY`: a CGI program's environment holds
    /// the request's `Proxy:` header under that name), else `all_proxy`, else `ALL_PROXY`.
    var http: String?
    /// For https URLs: `https_proxy`, else `HTTPS_PROXY`, else `all_proxy`, else `ALL_PROXY`.
    var https: String?
    /// `no_proxy`, else `NO_PROXY`: hosts reached directly, whatever the proxy.
    var noProxy: String?

    /// Reads the variables through `lookup` (the process environment by default).
    init(lookup: (String) -> String? = ProxyEnvironment.processVariable) {
        func first(_ names: String...) -> String? {
            for name in names {
                if let value = lookup(name), !value.isEmpty { return value }
            }
            return nil
        }
        let all = first("all_proxy", "ALL_PROXY")
        http = first("http_proxy") ?? all
        https = first("https_proxy", "HTTPS_PROXY") ?? all
        noProxy = first("no_proxy", "NO_PROXY")
    }

    static func processVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
