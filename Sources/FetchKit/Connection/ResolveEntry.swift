/// curl's `--resolve [+]HOST:PORT:ADDR[,ADDR]…` syntax, as libcurl 7.88 reads each entry of
/// `CURLOPT_RESOLVE`: HOST is a name (or `*` for any) up to the first ':', PORT a number,
/// each ADDR a numeric IPv4 or IPv6 address, the latter optionally in brackets. A leading
/// `+` lets the entry expire from curl's DNS cache after a minute.
package enum ResolveEntry {
    package static let syntax = "[+]HOST:PORT:ADDR[,ADDR]..."

    /// Throws the one-line usage error unless libcurl would take `entry`.
    package static func check(_ entry: String) throws(UsageError) {
        func fail(_ reason: String) -> UsageError {
            UsageError("--resolve '\(entry)': \(reason); expected \(syntax)")
        }
        let body = entry.hasPrefix("+") ? entry.dropFirst() : Substring(entry)
        let fields = body.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { throw fail("missing ':'") }
        guard !fields[0].isEmpty else { throw fail("no HOST") }
        guard PortNumber.parse(fields[1]) != nil else { throw fail("PORT must be a number from 0 to 65535") }
        let addresses = fields[2].split(separator: ",", omittingEmptySubsequences: false)
        for address in addresses where !NumericAddress.isNumeric(address, bracketsAllowed: true) {
            throw fail(address.isEmpty ? "an empty ADDR" : "'\(address)' is not a numeric IP address")
        }
    }
}
