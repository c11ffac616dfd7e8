import CLinuxCurl

/// What one transfer sends instead of the run's request: a JSONL line's own method, headers
/// and body, or a plain GET (robots.txt, whatever the run sends).
enum RequestOverride {
    case line(LineRequest)
    case plainGet
}

extension RequestTemplate {
    /// Sets the run's request on a freshly reset handle: basic auth, cookies, and the
    /// method and body every transfer sends unless its job overrides them.
    func applyRequest(to handle: UnsafeMutableRawPointer) {
        let request = options.request
        if let credentials = request.credentials {
            cfetch_easy_setopt_long(handle, CURLOPT_HTTPAUTH, Self.basicAuth)
            cfetch_easy_setopt_string(handle, CURLOPT_USERNAME, credentials.user)
            cfetch_easy_setopt_string(handle, CURLOPT_PASSWORD, credentials.password)
        }
        if let cookieHeader = request.cookieHeader {
            cfetch_easy_setopt_string(handle, CURLOPT_COOKIE, cookieHeader)
        }
        request.cookies?.attach(handle)
        setMethod(on: handle, method: request.method, body: request.body.map(Body.shared), head: request.headOnly)
    }

    /// Sets what `override` asks of this one transfer, or the run's own request again
    /// (nil) on a handle whose last transfer had an override, so nothing leaks into the
    /// next transfer. Returns the header list curl must be able to read until the
    /// transfer ends, when the override has headers of its own.
    func applyOverride(_ override: RequestOverride?, to handle: UnsafeMutableRawPointer) -> HeaderList? {
        let request = options.request
        switch override {
        case nil:
            setMethod(on: handle, method: request.method, body: request.body.map(Body.shared), head: request.headOnly)
            cfetch_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
            return nil
        case .plainGet:
            setMethod(on: handle, method: nil, body: nil, head: false)
            cfetch_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
            return nil
        case .line(let line):
            let body = line.body.map(Body.copied) ?? request.body.map(Body.shared)
            let overridden = line.method != nil || line.body != nil
            setMethod(
                on: handle, method: line.method ?? request.method, body: body,
                head: request.headOnly && !overridden)
            guard !line.headers.isEmpty else {
                cfetch_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
                return nil
            }
            let list = HeaderList(Self.merging(line.headers, into: Self.requestHeaders(of: options)))
            cfetch_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list.raw)
            return list
        }
    }

    /// curl's `CURLAUTH_BASIC` (a macro Swift does not import).
    static let basicAuth = 1

    /// The run's headers: `-H`, then what `--json` implies.
    static func requestHeaders(of options: FetchOptions) -> [String] {
        options.headers + options.request.implicitHeaders(besides: options.headers)
    }

    /// `headers` over `base`: a name given in `headers` replaces every header of that name
    /// in `base` (compared without case); the others are added.
    static func merging(_ headers: [String], into base: [String]) -> [String] {
        let replaced = Set(headers.map(HeaderName.of))
        return base.filter { !replaced.contains(HeaderName.of($0)) } + headers
    }

    enum Body {
        /// The run's body, read in place by every transfer.
        case shared(RequestBody)
        /// One line's body, which curl copies for its transfer.
        case copied([UInt8])
    }

    /// Sets the method and body from scratch, whatever the handle's last transfer sent. A
    /// body implies POST and a custom method is set only when it differs from what the
    /// request implies, so curl's redirect rules apply (303 → GET; 307 keeps the POST).
    private func setMethod(on handle: UnsafeMutableRawPointer, method: String?, body: Body?, head: Bool) {
        // POSTFIELDS (even null) selects POST, so it is cleared before HTTPGET selects GET.
        cfetch_easy_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil)
        cfetch_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, -1)
        cfetch_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, nil)
        cfetch_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        // A HEAD response has no body to wait for, and a HEAD request sends none.
        if head || method == "HEAD" {
            cfetch_easy_setopt_long(handle, CURLOPT_NOBODY, 1)
            return
        }
        switch body {
        case .shared(let shared):
            cfetch_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(shared.count))
            cfetch_easy_setopt_pointer(handle, CURLOPT_POSTFIELDS, shared.bytes)
        case .copied(let bytes):
            cfetch_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            // COPYPOSTFIELDS reads POSTFIELDSIZE bytes, set above; an empty body still needs a pointer.
            (bytes.isEmpty ? [0] : bytes).withUnsafeBytes { raw in
                _ = cfetch_easy_setopt_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            }
        case nil:
            break
        }
        let implied = body == nil ? "GET" : "POST"
        if let method, method != implied {
            cfetch_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        }
    }
}

/// A curl header list one transfer's headers live in, freed when the handle lets go of it.
final class HeaderList {
    let raw: UnsafeMutablePointer<curl_slist>?

    init(_ headers: [String]) {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in headers { list = curl_slist_append(list, header) }
        raw = list
    }

    deinit { curl_slist_free_all(raw) }
}
