/// curl's `--connect-to HOST1:PORT1:HOST2:PORT2` syntax, as libcurl 7.88 reads each entry
/// of `CURLOPT_CONNECT_TO`. Any field may be empty: an empty HOST1 or PORT1 matches every
/// host or port, an empty HOST2 or PORT2 keeps the request's own. An IPv6 host is in
/// brackets. HOST1 is compared with the URL's host as a string.
package enum ConnectToEntry {
    package static let syntax = "HOST1:PORT1:HOST2:PORT2"

    /// Throws the one-line usage error unless libcurl would take `entry`.
    package static func check(_ entry: String) throws(UsageError) {
        func fail(_ reason: String) -> UsageError {
            UsageError("--connect-to '\(entry)': \(reason); expected \(syntax) (an empty field means any; IPv6 in [])")
        }
        var rest = Substring(entry)
        var fields: [Substring] = []
        for position in 0..<4 {
            let isHost = position % 2 == 0
            let field: Substring
            if isHost, rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { throw fail("an unclosed '['") }
                field = rest[...close]
                guard NumericAddress.isNumeric(field, bracketsAllowed: true) else {
                    throw fail("'\(field)' is not an IPv6 address")
                }
            } else {
                field = rest.prefix { $0 != ":" }
            }
            rest = rest[field.endIndex...]
            fields.append(field)
            guard position < 3 else { break }
            guard rest.hasPrefix(":") else { throw fail("missing ':'") }
            rest = rest.dropFirst()
        }
        guard rest.isEmpty else { throw fail("'\(rest)' after PORT2") }
        for port in [fields[1], fields[3]] where !port.isEmpty && PortNumber.parse(port).map({ $0 > 0 }) != true {
            throw fail("'\(port)' is not a port number from 1 to 65535")
        }
    }
}
