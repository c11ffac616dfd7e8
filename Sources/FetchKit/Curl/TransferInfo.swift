/// What curl reports about a finished transfer's last attempt.
struct TransferInfo: Sendable {
    var status: Int?
    var httpVersion: String?
    var contentType: String?
    var effectiveURL: String?
    var phases = PhaseTimes()
    /// Redirects followed (`CURLINFO_REDIRECT_COUNT`).
    var redirects = 0
    /// Seconds a 429 or 503 response's `Retry-After` asked to wait (an HTTP-date already
    /// turned into seconds from now by curl; 0 for a date past); nil without the header.
    var retryAfter: Double?
}
