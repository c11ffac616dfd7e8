import NIOHTTP1

extension Endpoint {
    /// Routes a request. Every method is served (a request body is read, and `/echo`
    /// shows it); only CONNECT, a proxy's method, is refused.
    init(method: HTTPMethod, uri: String) {
        guard method != .CONNECT else {
            self = .methodNotAllowed(method: method.rawValue)
            return
        }
        self.init(target: RequestTarget(uri))
    }

    init(target: RequestTarget) {
        let segments = target.segments
        switch (segments.first ?? "", segments.count) {
        case ("", 1):
            self = .index
        case ("bytes", 2):
            self = Self.number(segments[1], in: 0...EndpointLimits.maxBytes, what: "byte count") { .bytes(count: $0) }
        case ("delay", 2):
            self = Self.milliseconds(segments[1]) { .delay(milliseconds: $0) }
        case ("status", 2):
            self = Self.status(segments[1])
        case ("redirect", 2):
            self = Self.number(segments[1], in: 0...EndpointLimits.maxRedirects, what: "redirect count") {
                .redirect(remaining: $0)
            }
        case ("redirect-loop", 1):
            self = .redirectLoop
        case ("redirect-to", 1):
            self = Self.redirectTo(target.query)
        case ("drip", 1):
            self = Self.drip(target.query)
        case ("reset", 1):
            self = .reset
        case ("truncated", 1):
            self = .truncated
        case ("slow-headers", 2):
            self = Self.milliseconds(segments[1]) { .slowHeaders(milliseconds: $0) }
        case ("headers", 1):
            self = .headers
        case ("chunked", 2):
            self = Self.number(segments[1], in: 0...EndpointLimits.maxBytes, what: "byte count") { .chunked(count: $0) }
        case ("close-delimited", 2):
            self = Self.number(segments[1], in: 0...EndpointLimits.maxBytes, what: "byte count") {
                .closeDelimited(count: $0)
            }
        case ("retry-after", 3):
            self = Self.retryAfter(code: segments[1], seconds: segments[2], form: target.query["form"])
        case ("limit", _), ("first", _):
            self = Self.throttlingRule(target)
        case ("robots.txt", 1):
            self = .robots
        case ("echo", 1), ("set-cookie", 3), ("basic-auth", 3):
            self = Self.requestEndpoint(segments)
        case ("fault", 2):
            self = ResponseFault(rawValue: String(segments[1])).map(Endpoint.fault) ?? .notFound(path: target.path)
        default:
            self = .notFound(path: target.path)
        }
    }

    static func number<Number: FixedWidthInteger>(
        _ text: some StringProtocol,
        in range: ClosedRange<Number>,
        what: String,
        _ make: (Number) -> Endpoint
    ) -> Endpoint {
        // Digits only: Swift's integer parsing would also take "+5".
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Number(text) else {
            return .badRequest(reason: "\(what) must be a whole number, got \"\(text)\"")
        }
        guard range.contains(value) else {
            return .badRequest(
                reason: "\(what) must be between \(range.lowerBound) and \(range.upperBound), got \(value)"
            )
        }
        return make(value)
    }

    private static func milliseconds(_ text: some StringProtocol, _ make: (Int64) -> Endpoint) -> Endpoint {
        number(text, in: 0...EndpointLimits.maxMilliseconds, what: "milliseconds", make)
    }

    private static func status(_ text: some StringProtocol) -> Endpoint {
        number(text, in: 100...599, what: "status code") { code in
            // A 1xx is not a final response; sending one alone would leave the client waiting.
            code < 200
                ? .badRequest(reason: "status code must be a final status (200-599), got \(code)")
                : .status(code: code)
        }
    }

    private static func redirectTo(_ query: [String: String]) -> Endpoint {
        guard let location = query["url"], !location.isEmpty else {
            return .badRequest(reason: "redirect-to needs a percent-encoded url parameter")
        }
        // A CR or LF in a header value would let the query forge headers of its own.
        guard !location.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            return .badRequest(reason: "url must not contain control characters")
        }
        let statusText = query["status"] ?? "302"
        guard let status = Int(statusText), EndpointLimits.redirectStatuses.contains(status) else {
            return .badRequest(reason: "status must be one of 301, 302, 303, 307, 308, got \"\(statusText)\"")
        }
        return .redirectTo(location: location, status: status)
    }

    static func retryAfter(code: Substring, seconds: Substring, form: String?) -> Endpoint {
        guard form == nil || form == "date" || form == "seconds" else {
            return .badRequest(reason: "form must be seconds or date, got \"\(form ?? "")\"")
        }
        let status = number(code, in: 100...599, what: "status code") { .status(code: $0) }
        guard case .status(let code) = status else { return status }
        guard EndpointLimits.retryAfterStatuses.contains(code) else {
            return .badRequest(reason: "status code must be 429 or 503, got \(code)")
        }
        return number(seconds, in: 0...EndpointLimits.maxRetryAfterSeconds, what: "seconds") {
            .retryAfter(code: code, seconds: $0, asDate: form == "date")
        }
    }

    private static func drip(_ query: [String: String]) -> Endpoint {
        let bytes = number(query["bytes"] ?? "10", in: 0...EndpointLimits.maxDripBytes, what: "bytes") {
            .drip(bytes: $0, milliseconds: 0)
        }
        guard case .drip(let count, _) = bytes else { return bytes }
        return milliseconds(query["ms"] ?? "1000") { .drip(bytes: count, milliseconds: $0) }
    }
}
