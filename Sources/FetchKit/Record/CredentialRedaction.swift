/// Hides the password in a URL's user-info: `https://user:secret@host/` becomes
/// `https://user:***@host/`, so records can be shared without leaking credentials.
enum CredentialRedaction {
    static func redact(_ url: String) -> String {
        let bytes = url.utf8
        // Most URLs carry no user-info: leave them untouched, cheaply (two per record: a
        // scan of the contiguous bytes, not the generic walk of the UTF-8 view).
        let hasAt =
            bytes.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "@")) }
            ?? bytes.contains(UInt8(ascii: "@"))
        guard hasAt else { return url }
        guard let schemeEnd = schemeSeparatorEnd(in: bytes) else { return url }
        let authority = bytes[schemeEnd...].prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#")
        }
        guard let at = authority.lastIndex(of: UInt8(ascii: "@")),
            let colon = authority[..<at].firstIndex(of: UInt8(ascii: ":"))
        else { return url }
        let start = url.index(after: colon)
        return String(url[..<start]) + "***" + String(url[at...])
    }

    /// Where the authority starts: just after the first `://`.
    private static func schemeSeparatorEnd(in bytes: String.UTF8View) -> String.Index? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: ":") {
                let slash1 = bytes.index(after: index)
                guard slash1 < bytes.endIndex, bytes[slash1] == UInt8(ascii: "/") else { return nil }
                let slash2 = bytes.index(after: slash1)
                guard slash2 < bytes.endIndex, bytes[slash2] == UInt8(ascii: "/") else { return nil }
                return bytes.index(after: slash2)
            }
            if bytes[index] == UInt8(ascii: "/") { return nil }
            index = bytes.index(after: index)
        }
        return nil
    }
}
