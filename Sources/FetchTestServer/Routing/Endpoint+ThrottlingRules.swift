extension Endpoint {
    /// `/limit/N/S/REST…` and `/first/CODE/S/REST…`: the rule's two numbers, then any
    /// endpoint (another rule included) served when the rule lets the request through.
    static func throttlingRule(_ target: RequestTarget) -> Endpoint {
        let segments = target.segments
        let name = segments[0]
        guard segments.count >= 4 else {
            let arguments = name == "limit" ? "N/S" : "CODE/S"
            return .badRequest(reason: "/\(name)/\(arguments)/PATH needs the PATH to serve after the rule")
        }
        let then = Endpoint(target: target.droppingSegments(3))
        if name == "limit" {
            let limit = number(segments[1], in: 0...EndpointLimits.maxInFlightLimit, what: "in-flight limit") {
                .limit(inFlight: $0, retryAfter: 0, then: then)
            }
            guard case .limit(let inFlight, _, _) = limit else { return limit }
            return number(segments[2], in: 0...EndpointLimits.maxRetryAfterSeconds, what: "seconds") {
                .limit(inFlight: inFlight, retryAfter: $0, then: then)
            }
        }
        let refusal = retryAfter(code: segments[1], seconds: segments[2], form: nil)
        guard case .retryAfter(let code, let seconds, _) = refusal else { return refusal }
        return .first(code: code, retryAfter: seconds, then: then)
    }
}
