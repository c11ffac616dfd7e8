import NIOHTTP1

extension Endpoint {
    /// The answer to an endpoint whose response is fixed and immediate, or nil for the
    /// ones that stream, wait or misbehave (the exchange handler runs those itself).
    func simpleResponse(requestHeaders: HTTPHeaders) -> SimpleResponse? {
        switch self {
        case .index:
            return .text(.ok, IndexPage.text)
        case .status(let code):
            let status = HTTPResponseStatus(statusCode: code)
            let line = status.reasonPhrase.isEmpty ? "\(code)" : "\(code) \(status.reasonPhrase)"
            return .text(status, line + "\n")
        case .redirect(let remaining):
            return remaining == 0 ? .text(.ok, "done\n") : .redirect(to: "/redirect/\(remaining - 1)")
        case .redirectLoop:
            return .redirect(to: "/redirect-loop")
        case .redirectTo(let location, let status):
            return .redirect(to: location, status: HTTPResponseStatus(statusCode: status))
        case .headers:
            return .json(HeadersJSON.encode(requestHeaders))
        case .retryAfter(let code, let seconds, let asDate):
            let status = HTTPResponseStatus(statusCode: code)
            let value = RetryAfter.value(seconds: seconds, asDate: asDate)
            return .text(
                status, "\(code) \(status.reasonPhrase): retry after \(value)\n", headers: ["retry-after": value])
        case .badRequest(let reason):
            return .text(.badRequest, "bad request: \(reason)\n")
        case .notFound(let path):
            return .notFound(path: path)
        case .methodNotAllowed(let method):
            return .text(
                .methodNotAllowed,
                "method \(method) not allowed: this server is no proxy\n",
                headers: ["allow": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"]
            )
        case .bytes, .delay, .drip, .reset, .truncated, .slowHeaders, .chunked, .closeDelimited, .fault:
            return nil
        case .setCookie, .basicAuth:
            return requestResponse(requestHeaders: requestHeaders)
        case .echo:
            return nil  // It shows the request's body: see HTTPExchangeHandler+Echo.
        case .limit, .first, .robots:
            return nil  // They depend on the port's state: see HTTPExchangeHandler+Rules.
        }
    }
}
