import CLinuxCurl

#if canImport(Glibc)
import Glibc
#endif

/// Process-wide curl set-up: `curl_global_init` exactly once, and SIGPIPE ignored so a
/// peer closing a socket (or a reader closing our stdout) is an error code, not a kill.
public enum CurlGlobal {
    private static let initialized: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    /// Call before creating any handle; cheap after the first call.
    public static func initialize() throws(CurlError) {
        guard initialized else { throw CurlError(call: "curl_global_init") }
    }

    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.19 …`.
    public static var version: String {
        String(cString: curl_version())
    }
}
