/// scheme + host + port of a URL, as curl parses it (curl_url, with the default port filled in).
///
/// The unit of politeness: limits, rates, pauses and robots.txt are per `HostKey`. It is what
/// curl would connect to, so `HTTP://Example.org:80/`, `http://user@example.org/` and
/// `http://example.org` are one host, and `https://example.org` and `:8443` are others.
public struct HostKey: Hashable, Sendable, CustomStringConvertible {
    /// Lowercased: `http`, `https`.
    public let scheme: String
    /// Lowercased as curl gives it (IPv6 in brackets; a name outside ASCII as written).
    public let host: String
    public let port: Int
    /// FNV-1a of the three, taken once: the frontier looks a host up several times per job,
    /// and hashing a `String` normalises it (Unicode) on every lookup.
    private let digest: UInt64

    public init(scheme: String, host: String, port: Int) {
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        for byte in self.scheme.utf8 { mix(byte) }
        mix(0)
        for byte in self.host.utf8 { mix(byte) }
        self.digest = digest ^ UInt64(bitPattern: Int64(port))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    public static func == (lhs: HostKey, rhs: HostKey) -> Bool {
        lhs.digest == rhs.digest && lhs.port == rhs.port && lhs.host == rhs.host && lhs.scheme == rhs.scheme
    }

    /// nil when curl cannot parse it or it has no host.
    public init?(url: String) {
        guard let parsed = CurlURL(parsing: url) else { return nil }
        self.init(scheme: parsed.part(.scheme), host: parsed.part(.host), port: parsed.part(.port))
    }

    /// From the parts curl gives for a URL (the port with its scheme's default filled in);
    /// nil when one is missing or the host is empty.
    init?(scheme: String?, host: String?, port: String?) {
        guard let scheme, let host, !host.isEmpty, let port = port.flatMap({ Int($0) }) else { return nil }
        self.init(scheme: scheme, host: host, port: port)
    }

    /// `https://example.org:8443` (the default port omitted: `https://example.org`).
    public var origin: String {
        Self.defaultPorts[scheme] == port ? "\(scheme)://\(host)" : "\(scheme)://\(host):\(port)"
    }

    /// origin + "/robots.txt"
    public var robotsURL: String { origin + "/robots.txt" }

    /// `example.org:8443` — host and port, always with the port (for summaries).
    public var description: String { "\(host):\(port)" }

    private static let defaultPorts = ["http": 80, "https": 443]
}

/// The part of a URL robots.txt rules match: path (at least "/") plus "?query" when there is one,
/// as curl parses it (no fragment).
public enum RobotsTarget {
    /// nil when curl cannot parse `url`.
    public static func of(url: String) -> String? {
        guard let parsed = CurlURL(parsing: url) else { return nil }
        var path = parsed.part(.path) ?? "/"
        if !path.hasPrefix("/") { path = "/" + path }
        guard let query = parsed.part(.query) else { return path }
        return path + "?" + query
    }
}
