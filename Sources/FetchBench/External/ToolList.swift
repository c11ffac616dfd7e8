import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// The benchmark's list as the other tools get it: the URLs cfetch would fetch, one per
/// line, without the blank lines, `#` comments, white space and byte-order marks cfetch
/// skips and trims (which curl's config, wget2's and aria2c's input files and h2load's
/// `-i` would not all skip alike).
struct ToolList: Sendable {
    let urls: [String]

    init(urls: [String]) {
        self.urls = urls
    }

    /// Reads the list files as the children read them, by cfetch's own line rules
    /// (`URLLineParser`).
    init(paths: [String]) throws(SystemCallError) {
        var urls: [String] = []
        var parser = URLLineParser()
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw SystemCallError(call: "open", errno: errno, context: "cannot read \(path)") }
            defer { close(fd) }
            parser.startList()
            var reader = LineReader(fd: fd, maxLineLength: .max)
            while case .text(let bytes)? = try reader.next() {
                if let url = parser.text(ofListLine: bytes) { urls.append(url) }
            }
        }
        self.urls = urls
    }

    /// The scheme, host and port every URL shares (an origin, as h2load needs one), or nil
    /// when they differ; the port is the scheme's own when a URL names none.
    var commonOrigin: (scheme: String, host: String, port: Int)? {
        var origin: (scheme: String, host: String, port: Int)?
        for url in urls {
            guard let this = Self.origin(of: url) else { return nil }
            if let known = origin {
                guard known == this else { return nil }
            } else {
                origin = this
            }
        }
        return origin
    }

    /// "http://Example.com:8080/x" → ("http", "example.com", 8080).
    static func origin(of url: String) -> (scheme: String, host: String, port: Int)? {
        guard let separator = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[separator.upperBound...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = Substring(authority)
        var port = scheme == "https" ? 443 : 80
        // The port follows the last colon, unless that colon is inside an IPv6 literal.
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = number
            host = authority[..<colon]
        }
        return (scheme, host.lowercased(), port)
    }
}
