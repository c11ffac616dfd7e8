import NIOHTTP1

/// A response whose whole body is known up front and small.
struct SimpleResponse: Sendable {
    static let textContentType = "text/plain; charset=utf-8"

    var status: HTTPResponseStatus
    var headers: HTTPHeaders = [:]
    var body: String

    static func text(_ status: HTTPResponseStatus, _ body: String, headers: HTTPHeaders = [:]) -> SimpleResponse {
        var allHeaders = headers
        if status.mayHaveResponseBody {
            allHeaders.replaceOrAdd(name: "content-type", value: textContentType)
        }
        return SimpleResponse(status: status, headers: allHeaders, body: status.mayHaveResponseBody ? body : "")
    }

    static func json(_ body: String) -> SimpleResponse {
        SimpleResponse(status: .ok, headers: ["content-type": "application/json"], body: body)
    }

    /// What a target that names no endpoint gets.
    static func notFound(path: String) -> SimpleResponse {
        text(.notFound, "not found: \(path)\n(GET / lists the endpoints)\n")
    }

    static func redirect(to location: String, status: HTTPResponseStatus = .found) -> SimpleResponse {
        text(status, "redirecting to \(location)\n", headers: ["location": location])
    }
}
