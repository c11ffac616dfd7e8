import CLinuxCurl

/// The per-run part of every transfer's curl options, built once: the header list lives
/// here for as long as any handle may use it.
///
/// Immutable after `init`; curl only reads the header list, so handles on any thread share it.
final class RequestTemplate: @unchecked Sendable {  // guarded: immutable after init; curl only reads the list
    let options: FetchOptions
    let headerList: UnsafeMutablePointer<curl_slist>?
    let connectionLists: ConnectionLists
    /// `-x`, or the environment's proxy for each scheme.
    let proxy: ProxyChoice
    /// `--noproxy`, or the environment's `no_proxy`; "" for none.
    let noProxy: String

    /// Throws when libcurl refuses an option that carries a guarantee (see `apply`).
    /// - Parameter environment: the proxy variables, read at start-up.
    init(options: FetchOptions, environment: ProxyEnvironment = ProxyEnvironment()) throws(CurlError) {
        self.options = options
        proxy = ProxyChoice(
            proxy: options.connection.proxy, environment: environment, followsRedirects: options.followRedirects)
        noProxy = options.connection.noProxy ?? environment.noProxy ?? ""
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in Self.requestHeaders(of: options) {
            list = curl_slist_append(list, header)
        }
        headerList = list
        connectionLists = ConnectionLists(options.connection)
        try checkGuarantees()
    }

    /// Sets the options on a freshly reset handle; the handle's own options (URL, sink,
    /// error buffer) are set by `EasyHandle`. Returns curl's answer to each option that
    /// carries a promise to the user — only http and https, for requests and redirects,
    /// TLS verified unless `-k`, and every connection option asked for (proxy, `--resolve`,
    /// certificates) — which `init` has checked once, on a probe handle: a
    /// libcurl that refuses one (too old, or built without it) never starts a run.
    @discardableResult
    func apply(to handle: UnsafeMutableRawPointer) -> [(option: String, code: CURLcode)] {
        let verify = !options.insecure
        let guarantees = [
            ("CURLOPT_PROTOCOLS_STR", cfetch_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")),
            (
                "CURLOPT_REDIR_PROTOCOLS_STR",
                cfetch_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
            ),
            ("CURLOPT_SSL_VERIFYPEER", cfetch_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, verify ? 1 : 0)),
            ("CURLOPT_SSL_VERIFYHOST", cfetch_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, verify ? 2 : 0)),
        ]
        set(handle, CURLOPT_NOSIGNAL, 1)
        cfetch_easy_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        if let headerList {
            cfetch_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        }
        if options.followRedirects {
            set(handle, CURLOPT_FOLLOWLOCATION, 1)
            set(handle, CURLOPT_MAXREDIRS, options.maxRedirects)
        }
        if let maxTime = options.maxTime {
            set(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(maxTime))
        }
        if let connectTimeout = options.connectTimeout {
            set(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        }
        switch options.httpVersion {
        case .automatic: break
        case .http1_1: set(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        case .http2: set(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2_0))
        }
        if options.compressed {
            cfetch_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        }
        // curl's own check reads Content-Length; BodySink holds the limit on what arrives.
        if let maxFileSize = options.maxFileSize, maxFileSize > 0 {
            cfetch_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxFileSize))
        }
        applyRequest(to: handle)
        return guarantees + applyConnection(to: handle)
    }

    /// Whether a transfer of `url` may share an HTTP/2 connection with others: https (where
    /// curl offers HTTP/2 by ALPN), unless `--http1.1` rules HTTP/2 out. A plain http URL
    /// keeps HTTP/1.1's one transfer per connection (curl would try h2c only with `--http2`,
    /// by an upgrade that cannot multiplex before it is done).
    func mayMultiplex(url: String) -> Bool {
        options.httpVersion != .http1_1 && URLScheme.isHTTPS(url)
    }

    private func checkGuarantees() throws(CurlError) {
        guard let probe = curl_easy_init() else { throw CurlError(call: "curl_easy_init") }
        defer { curl_easy_cleanup(probe) }
        for (option, code) in apply(to: probe) where code != CURLE_OK {
            throw CurlError(call: "curl_easy_setopt(\(option))", code: code)
        }
    }

    private func set(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: Int) {
        cfetch_easy_setopt_long(handle, option, value)
    }

    /// The longest limit handed to curl, about 31 years: no run waits longer, and curl's
    /// own arithmetic on it stays far from overflowing.
    static let maximumMilliseconds = 1_000_000_000_000

    /// A limit in seconds as curl's `*_MS` value. 0, negative, NaN and infinite mean no
    /// limit (curl's 0, as `-m 0` is in curl); any positive time is at least 1 ms (0 would
    /// be "no limit") and at most `maximumMilliseconds`. Saturating, not trapping: a library
    /// caller may pass any `Double`.
    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds > 0, seconds.isFinite else { return 0 }
        let milliseconds = (seconds * 1000).rounded(.up)
        guard milliseconds < Double(maximumMilliseconds) else { return maximumMilliseconds }
        return max(1, Int(milliseconds))
    }

    deinit { curl_slist_free_all(headerList) }
}
