import NIOHTTP1

/// The body of `/echo`: what the server received, as one JSON object, so a test can compare
/// what cfetch sends with what curl sends for the same options.
///
///     {"method": "POST", "target": "/echo", "headers": {"host": "…", …},
///      "body": "a=1", "body_base64": "YT0x", "body_bytes": 3, "cookies": {"a": "1"}}
///
/// Header names are lowercased (values of a repeated name joined with ", "); `body` is null
/// when the body is not UTF-8 text; `cookies` are the `Cookie` header's pairs.
enum EchoJSON {
    static func encode(method: String, target: String, headers: HTTPHeaders, body: [UInt8], bodyBytes: Int) -> String {
        var headerOrder: [String] = []
        var headerValues: [String: [String]] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if headerValues[key] == nil { headerOrder.append(key) }
            headerValues[key, default: []].append(value)
        }
        let headerMembers = headerOrder.map {
            member($0, HeadersJSON.quoted(headerValues[$0]!.joined(separator: ", ")))
        }
        let cookieMembers = cookies(in: headers).map { member($0.name, HeadersJSON.quoted($0.value)) }
        let text = String(validating: body, as: UTF8.self).map(HeadersJSON.quoted) ?? "null"
        let members = [
            member("method", HeadersJSON.quoted(method)),
            member("target", HeadersJSON.quoted(target)),
            member("headers", "{" + headerMembers.joined(separator: ", ") + "}"),
            member("body", text),
            member("body_base64", HeadersJSON.quoted(Base64.encode(body))),
            member("body_bytes", String(bodyBytes)),
            member("cookies", "{" + cookieMembers.joined(separator: ", ") + "}"),
        ]
        return "{" + members.joined(separator: ", ") + "}\n"
    }

    /// The `Cookie` headers' NAME=VALUE pairs, in order.
    static func cookies(in headers: HTTPHeaders) -> [(name: String, value: String)] {
        headers["cookie"].flatMap { $0.split(separator: ";") }.compactMap { pair in
            let trimmed = pair.drop { $0 == " " }
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            return (String(trimmed[..<equals]), String(trimmed[trimmed.index(after: equals)...]))
        }
    }

    private static func member(_ name: String, _ value: String) -> String {
        HeadersJSON.quoted(name) + ": " + value
    }
}
