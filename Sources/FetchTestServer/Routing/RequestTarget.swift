/// A request target split into its path segments and decoded query parameters.
struct RequestTarget: Sendable {
    /// The path as sent, without the query, e.g. "/bytes/10".
    let path: String
    /// Path segments after the leading "/", e.g. ["bytes", "10"].
    let segments: [Substring]
    /// Query parameters, percent-decoded; the first of repeated names wins.
    let query: [String: String]

    init(_ uri: String) {
        let originForm = Self.stripSchemeAndAuthority(uri)
        let pathAndQuery = originForm.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = pathAndQuery.first.map(String.init) ?? "/"
        self.path = path.isEmpty ? "/" : path
        // No segments for a target like "*": it routes to 404, not to the index.
        self.segments =
            self.path.hasPrefix("/")
            ? self.path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) : []
        self.query = pathAndQuery.count > 1 ? Self.parseQuery(pathAndQuery[1]) : [:]
    }

    private init(path: String, segments: [Substring], query: [String: String]) {
        self.path = path
        self.segments = segments
        self.query = query
    }

    /// The target a rule such as `/limit/N/S/REST` forwards to: REST, with the same query.
    func droppingSegments(_ count: Int) -> RequestTarget {
        let rest = Array(segments.dropFirst(count))
        return RequestTarget(path: "/" + rest.joined(separator: "/"), segments: rest, query: query)
    }

    /// Proxies and some clients send absolute-form targets ("http://host/path");
    /// routing only cares about the path.
    private static func stripSchemeAndAuthority(_ uri: String) -> Substring {
        guard !uri.hasPrefix("/"), let schemeEnd = uri.firstRange(of: "://") else {
            return Substring(uri)
        }
        let afterAuthority = uri[schemeEnd.upperBound...]
        guard let pathStart = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) else {
            return "/"
        }
        return afterAuthority[pathStart...]
    }

    private static func parseQuery(_ query: Substring) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(nameAndValue[0]) else { continue }
            let value = nameAndValue.count > 1 ? PercentDecoding.decode(nameAndValue[1]) : ""
            if parameters[name] == nil, let value {
                parameters[name] = value
            }
        }
        return parameters
    }
}
