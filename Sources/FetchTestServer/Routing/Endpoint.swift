/// What a request asks the server to do, decided from its method and target alone.
///
/// Parsing never fails: a target that names no endpoint, or names one with a bad
/// argument, becomes `.notFound` or `.badRequest`, which are answered like any other.
enum Endpoint: Equatable, Sendable {
    case index
    case bytes(count: UInt64)
    case delay(milliseconds: Int64)
    case status(code: Int)
    case redirect(remaining: Int)
    case redirectLoop
    case redirectTo(location: String, status: Int)
    case drip(bytes: Int, milliseconds: Int64)
    case reset
    case truncated
    case slowHeaders(milliseconds: Int64)
    case headers
    /// N bytes with chunked framing, no Content-Length.
    case chunked(count: UInt64)
    /// N bytes with neither Content-Length nor chunking: the end of the body is the close.
    case closeDelimited(count: UInt64)
    /// 429 or 503 with a `Retry-After` of SECONDS, as delay-seconds or an HTTP-date.
    case retryAfter(code: Int, seconds: Int, asDate: Bool)
    case fault(ResponseFault)
    /// `/limit/N/S/REST`: 429 (with `Retry-After: S` unless S is 0) when, counting this
    /// request, more than N requests are active on its port; `then` (REST) otherwise.
    indirect case limit(inFlight: Int, retryAfter: Int, then: Endpoint)
    /// `/first/CODE/S/REST`: CODE (429 or 503, with `Retry-After: S` unless S is 0) for the
    /// port's first request of this exact target; `then` (REST) for every later one.
    indirect case first(code: Int, retryAfter: Int, then: Endpoint)
    /// `/robots.txt`: what ``TestServer/setRobots(_:port:)`` set for the port, else 404.
    case robots
    /// `/echo`: the request as JSON (method, target, headers, body, cookies), any method.
    case echo
    /// `/set-cookie/NAME/VALUE`: 200 with `Set-Cookie: NAME=VALUE; Path=/`.
    case setCookie(name: String, value: String)
    /// `/basic-auth/USER/PASSWORD`: 200 with those basic credentials, else 401 with
    /// `WWW-Authenticate`.
    case basicAuth(user: String, password: String)
    case badRequest(reason: String)
    case notFound(path: String)
    case methodNotAllowed(method: String)
}

/// Upper bounds on endpoint arguments, so one request cannot tie the server up for
/// hours or ask it to buffer more than a test needs.
enum EndpointLimits {
    static let maxBytes: UInt64 = 10 << 30
    static let maxMilliseconds: Int64 = 600_000
    static let maxDripBytes = 10 << 20
    static let maxRedirects = 1_000_000
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]
    static let retryAfterStatuses: Set<Int> = [429, 503]
    static let maxRetryAfterSeconds = 86_400
    static let maxInFlightLimit = 1_000_000
}
