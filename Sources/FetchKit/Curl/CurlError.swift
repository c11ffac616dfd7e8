import CLinuxCurl

/// libcurl refused something cfetch needs to start: a handle, or an option whose refusal
/// would break a promise (only http and https, TLS verified). Exit status 2.
public struct CurlError: Error, CustomStringConvertible, Sendable {
    /// The call, and for a setopt the option: "curl_easy_setopt(CURLOPT_PROTOCOLS_STR)".
    public let call: String
    /// curl's own words for the failure, when it gave a code.
    public let reason: String?

    init(call: String, reason: String? = nil) {
        self.call = call
        self.reason = reason
    }

    init(call: String, code: CURLcode) {
        self.init(call: call, reason: String(cString: curl_easy_strerror(code)))
    }

    public var description: String {
        reason.map { "\(call) failed: \($0)" } ?? "\(call) failed"
    }
}
