/// Hides the password in a URL's user-info: `https://user:secret@host/` becomes
/// `https://user:***@host/`, so records can be shared without leaking credentials.
enum CredentialRedaction {
    static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" }
            ?? url.endIndex
        let authority = url[authorityStart..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"),
            let colon = authority[..<at].firstIndex(of: ":")
        else { return url }
        var redacted = url
        redacted.replaceSubrange(url.index(after: colon)..<at, with: "***")
        return redacted
    }
}
