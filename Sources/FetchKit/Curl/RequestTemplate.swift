import CLinuxCurl

/// The per-run part of every transfer's curl options, built once: the header list lives
/// here for as long as any handle may use it.
///
/// Immutable after `init`; curl only reads the header list, so handles on any thread share it.
final class RequestTemplate: @unchecked Sendable {
    let options: FetchOptions
    private let headerList: UnsafeMutablePointer<curl_slist>?

    init(options: FetchOptions) {
        self.options = options
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in options.headers {
            list = curl_slist_append(list, header)
        }
        headerList = list
    }

    /// Sets the options on a freshly reset handle; the handle's own options (URL, sink,
    /// error buffer) are set by `EasyHandle`.
    func apply(to handle: UnsafeMutableRawPointer) {
        set(handle, CURLOPT_NOSIGNAL, 1)
        cfetch_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        cfetch_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        cfetch_easy_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        if let headerList {
            cfetch_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        }
        if options.followRedirects {
            set(handle, CURLOPT_FOLLOWLOCATION, 1)
            set(handle, CURLOPT_MAXREDIRS, options.maxRedirects)
        }
        if let maxTime = options.maxTime {
            set(handle, CURLOPT_TIMEOUT_MS, milliseconds(maxTime))
        }
        if let connectTimeout = options.connectTimeout {
            set(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(connectTimeout))
        }
        if options.insecure {
            set(handle, CURLOPT_SSL_VERIFYPEER, 0)
            set(handle, CURLOPT_SSL_VERIFYHOST, 0)
        }
        switch options.httpVersion {
        case .automatic: break
        case .http1_1: set(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        case .http2: set(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2_0))
        }
        if options.compressed {
            cfetch_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        }
        if let maxFileSize = options.maxFileSize {
            cfetch_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxFileSize))
        }
    }

    private func set(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: Int) {
        cfetch_easy_setopt_long(handle, option, value)
    }

    /// At least 1 ms: curl reads 0 as "no limit".
    private func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded(.up)))
    }

    deinit { curl_slist_free_all(headerList) }
}
