import CLinuxCurl

/// A URL as curl's URL API parses it (`curl_url`), so that the parts we key hosts and
/// robots.txt rules on are the ones curl connects to and requests. Owns its handle and frees
/// each part curl allocates; no pointer leaves this file.
struct CurlURL: ~Copyable {
    /// The parts read back; each maps to a `CURLUPART_…`.
    enum Part {
        case scheme, host, port, path, query

        fileprivate var curlPart: CURLUPart {
            switch self {
            case .scheme: CURLUPART_SCHEME
            case .host: CURLUPART_HOST
            case .port: CURLUPART_PORT
            case .path: CURLUPART_PATH
            case .query: CURLUPART_QUERY
            }
        }
    }

    private let handle: OpaquePointer

    /// nil when curl cannot parse `url` (or cannot allocate a handle).
    init?(parsing url: String) {
        guard let handle = curl_url() else { return nil }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK else {
            curl_url_cleanup(handle)
            return nil
        }
        self.handle = handle
    }

    deinit { curl_url_cleanup(handle) }

    /// The part as curl gives it, nil when the URL has none. The port comes with the
    /// scheme's default filled in when the URL names none.
    func part(_ part: Part) -> String? {
        // Not CURLU_PUNYCODE: libcurl 7.88 converts with idn2_lookup_ul, which reads the
        // name in the process's locale, so the key would change with LANG.
        read(part.curlPart, flags: part == .port ? UInt32(CURLU_DEFAULT_PORT) : 0)
    }

    private func read(_ part: CURLUPart, flags: UInt32) -> String? {
        var text: UnsafeMutablePointer<CChar>? = nil
        guard curl_url_get(handle, part, &text, flags) == CURLUE_OK, let text else { return nil }
        defer { curl_free(text) }
        return String(cString: text)
    }
}
