import NIOHTTP1

/// The body of `/headers`: the request headers as one JSON object.
package enum HeadersJSON {
    /// Names keep the spelling and order they first arrived in; a name sent more than
    /// once (in any case) becomes one member whose values are joined with ", ",
    /// as RFC 9110 §5.3 allows a recipient to combine them.
    static func encode(_ headers: HTTPHeaders) -> String {
        var order: [String] = []
        var spelling: [String: String] = [:]
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if spelling[key] == nil {
                spelling[key] = name
                order.append(key)
            }
            values[key, default: []].append(value)
        }
        let members = order.map { key in
            "  \(quoted(spelling[key]!)): \(quoted(values[key]!.joined(separator: ", ")))"
        }
        return members.isEmpty ? "{}\n" : "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
    /// Built with `String`, scalar by scalar: FetchKit's tests also hold cfetch's own JSONL
    /// quoting to it.
    package static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
