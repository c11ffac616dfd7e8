import NIOHTTP1

/// The endpoints that answer what the request sent: its credentials, or a cookie to set.
extension Endpoint {
    /// `/echo`, `/set-cookie/NAME/VALUE`, `/basic-auth/USER/PASSWORD`.
    static func requestEndpoint(_ segments: [Substring]) -> Endpoint {
        switch segments[0] {
        case "set-cookie":
            let name = String(segments[1])
            let value = String(segments[2])
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte), value.utf8.allSatisfy(isCookieValueByte) else {
                return .badRequest(reason: "cookie name must be a token and its value have no ; , space or quote")
            }
            return .setCookie(name: name, value: value)
        case "basic-auth":
            return .basicAuth(user: String(segments[1]), password: String(segments[2]))
        default:
            return .echo
        }
    }

    /// The answer to `/set-cookie` and `/basic-auth`; nil for any other endpoint.
    func requestResponse(requestHeaders: HTTPHeaders) -> SimpleResponse? {
        switch self {
        case .setCookie(let name, let value):
            return .text(.ok, "cookie \(name) set\n", headers: ["set-cookie": "\(name)=\(value); Path=/"])
        case .basicAuth(let user, let password):
            let expected = "Basic " + Base64.encode(Array("\(user):\(password)".utf8))
            guard requestHeaders["authorization"].contains(expected) else {
                return .text(
                    .unauthorized, "401 Unauthorized: basic credentials needed\n",
                    headers: ["www-authenticate": "Basic realm=\"cfetch test\""])
            }
            return .json("{\"authenticated\": true, \"user\": \(HeadersJSON.quoted(user))}\n")
        default:
            return nil
        }
    }

    /// RFC 9110 token characters.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// RFC 6265 cookie-octet.
    private static func isCookieValueByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ",")
            && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "\\")
    }
}
