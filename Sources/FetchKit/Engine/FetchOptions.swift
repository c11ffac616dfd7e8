/// What every transfer of a run is asked to do: the curl options a user sets on the
/// command line, in curl's terms.
public struct FetchOptions: Sendable {
    public enum HTTPVersion: String, Sendable {
        /// curl's default: HTTP/2 over TLS when the server offers it, else HTTP/1.1.
        case automatic
        case http1_1
        case http2
    }

    /// Extra request headers, `Name: value` as curl's `-H` takes them.
    public var headers: [String] = []
    public var userAgent: String = "cfetch/\(CFetchVersion.string)"
    public var followRedirects = false
    public var maxRedirects = 50
    /// Whole-transfer limit in seconds (`-m`), per attempt.
    public var maxTime: Double?
    public var connectTimeout: Double?
    /// Skip TLS peer and host verification (`-k`).
    public var insecure = false
    public var httpVersion: HTTPVersion = .automatic
    /// Ask for a compressed response and count decoded bytes (`--compressed`).
    public var compressed = false
    /// Refuse bodies larger than this many bytes (`--max-filesize`), counted as received
    /// (decoded with `--compressed`); nil or 0 for no limit.
    public var maxFileSize: Int64?
    /// Extra attempts for transient failures (`--retry`): timeouts, connection failures,
    /// resets, and HTTP 408/429/500/502/503/504.
    public var retries = 0
    /// The first retry's longest wait, doubled for each later one, with full jitter
    /// (`--retry-delay`); nil for one second.
    public var retryDelay: Double?
    /// No retry waits longer, and a `Retry-After` longer than this is not waited for
    /// (`--retry-max-delay`).
    public var retryMaxDelay = 60.0
    /// No retry starts later than this many seconds after the first attempt (`--retry-max-time`);
    /// nil for no limit.
    public var retryMaxTime: Double?
    /// Retry every failure, not only transient ones (`--retry-all-errors`).
    public var retryAllErrors = false
    /// Per-host limits, rates, robots.txt: the frontier's rules.
    public var politeness = Politeness()
    /// Proxy, `--resolve`, `--connect-to` and TLS certificates: how transfers reach servers.
    public var connection = ConnectionSettings()
    /// Save each body to a file in this directory (`-o DIR`); nil discards bodies.
    public var outputDirectory: String?
    /// What `-o` does with a file that already exists (`--skip-existing`, `--overwrite`).
    public var existingFiles: ExistingFilePolicy = .refuse
    /// Method, body, auth and cookies (`-X`, `-d`, `-I`, `-u`, `-b`, `-c`).
    public var request = HTTPRequestOptions()

    public init() {}
}

/// cfetch's own version.
public enum CFetchVersion {
    public static let string = "0.1.0"
}
