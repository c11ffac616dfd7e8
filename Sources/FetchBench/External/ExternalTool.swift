#if canImport(Glibc)
import Glibc
#endif

/// Another program `cfetch bench --tools` runs on the same list at the same concurrency,
/// so the table shows where cfetch stands on the user's own list.
public enum ExternalTool: String, CaseIterable, Sendable {
    /// `curl --parallel` (at most 300 transfers at once: curl's own limit).
    case curl
    /// GNU Wget2, `--max-threads`.
    case wget2
    /// aria2, `-j` downloads at once, into a scratch directory removed afterwards.
    case aria2c
    /// nghttp2's load generator: every URL on one origin, `-c` clients.
    case h2load

    /// The Debian package that installs it.
    public var package: String {
        switch self {
        case .curl: "curl"
        case .wget2: "wget2"
        case .aria2c: "aria2"
        case .h2load: "nghttp2-client"
        }
    }

    /// The most transfers the tool runs at once, whatever it is asked for.
    public var concurrencyLimit: Int? {
        self == .curl ? 300 : nil
    }

    /// Its path: the first executable file of that name in `PATH`, or nil.
    public func locate(searchPath: String? = getenv("PATH").map { String(cString: $0) }) -> String? {
        let directories = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for directory in directories where !directory.isEmpty {
            let path = "\(directory)/\(rawValue)"
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }
}
