/// What of cfetch's own options the other tools are given, so they do the same work: the
/// rest of cfetch's options (retries, headers, politeness…) have no common form, and the
/// tools run with their defaults.
public struct ExternalToolOptions: Sendable, Equatable {
    /// `-k`: do not verify TLS certificates.
    public var insecure: Bool
    /// `-L`: follow redirects. Without it, wget2 is told not to (it does by default);
    /// aria2c always follows them.
    public var followRedirects: Bool

    public init(insecure: Bool = false, followRedirects: Bool = false) {
        self.insecure = insecure
        self.followRedirects = followRedirects
    }
}
