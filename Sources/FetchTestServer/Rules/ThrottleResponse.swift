import NIOHTTP1

/// The refusals of `/limit`, `/first` and a failing robots.txt: a status, a one-line
/// reason, and a `Retry-After` in seconds unless that is 0.
enum ThrottleResponse {
    static func make(code: Int, why: String, retryAfter seconds: Int) -> SimpleResponse {
        let status = HTTPResponseStatus(statusCode: code)
        let line = status.reasonPhrase.isEmpty ? "\(code)" : "\(code) \(status.reasonPhrase)"
        let headers: HTTPHeaders = seconds > 0 ? ["retry-after": String(seconds)] : [:]
        return .text(status, "\(line): \(why)\n", headers: headers)
    }
}
