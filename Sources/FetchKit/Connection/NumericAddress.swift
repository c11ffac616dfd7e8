#if canImport(Glibc)
import Glibc
#endif

/// A numeric IPv4 or IPv6 address, as `inet_pton` reads it: what curl's `--resolve` needs,
/// since it never looks the address itself up.
enum NumericAddress {
    /// Whether `text` is one; with `bracketsAllowed`, an IPv6 address may be in `[…]`.
    static func isNumeric(_ text: Substring, bracketsAllowed: Bool) -> Bool {
        var address = text
        if bracketsAllowed, address.hasPrefix("["), address.hasSuffix("]"), address.count > 2 {
            address = address.dropFirst().dropLast()
            return parses(String(address), family: AF_INET6)
        }
        return parses(String(address), family: AF_INET) || parses(String(address), family: AF_INET6)
    }

    private static func parses(_ address: String, family: Int32) -> Bool {
        var buffer = (UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &buffer) { inet_pton(family, address, $0.baseAddress) == 1 }
    }
}
