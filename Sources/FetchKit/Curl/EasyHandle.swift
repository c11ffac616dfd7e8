import CLinuxCurl

/// One curl easy handle, reused across transfers (`curl_easy_reset` keeps its connection
/// and DNS caches when it is not in a multi handle).
///
/// Not thread-safe, and not `Sendable`: owned by one thread — the engine's loop thread,
/// which pools it, or the blocking worker it was handed to (`sending`) when the worker's
/// thread started. It is its own `CURLOPT_PRIVATE`, so the multi handle can hand it back.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// The errno of a socket() the system refused during the current attempt (0: none).
    private let refusedSocketErrno: UnsafeMutablePointer<Int32>
    /// Kept alive while curl may call the write callback with it.
    private(set) var sink: BodySink?
    /// The template whose options the handle carries; options persist across transfers,
    /// so a handle reused for the same run only needs its URL and sink set again.
    private var configuredFor: RequestTemplate?
    /// Whether the current transfer's request differs from its template's (a JSONL line's
    /// own, or robots.txt's plain GET): the next transfer then sets the template's again.
    private var requestOverridden = false
    /// The current transfer's own header list, kept while curl may read it.
    private var overrideHeaders: HeaderList?
    /// Kept alive while any connection opened through it may still be closed.
    var socketRegistry: SocketRegistry?
    /// What the header callback saw of the current attempt's responses.
    let watch: ResponseWatch
    /// `CURLOPT_BUFFERSIZE`, set again after each reset; nil for curl's 16 KiB.
    private let receiveBufferSize: Int?
    /// Whether the current transfer may share an HTTP/2 connection (see `prepare`).
    private(set) var mayMultiplex = false

    /// - Parameter receiveBufferSize: the receive buffer curl allocates for each transfer
    ///   on this handle (`ReceiveBuffer.size`); nil for curl's default.
    init(receiveBufferSize: Int? = nil) throws(CurlError) {
        try CurlGlobal.initialize()
        guard let raw = curl_easy_init() else { throw CurlError(call: "curl_easy_init") }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        refusedSocketErrno = .allocate(capacity: 1)
        refusedSocketErrno.initialize(to: 0)
        watch = ResponseWatch(handle: raw)
        self.receiveBufferSize = receiveBufferSize
    }

    /// The handle whose `raw` this is (unretained: valid while the owner lives, as it does
    /// for as long as curl holds its handle).
    static func owner(of raw: UnsafeMutableRawPointer) -> EasyHandle? {
        var owner: UnsafeMutableRawPointer? = nil
        guard cfetch_easy_getinfo_pointer(raw, CURLINFO_PRIVATE, &owner) == CURLE_OK, let owner else { return nil }
        return Unmanaged<EasyHandle>.fromOpaque(owner).takeUnretainedValue()
    }

    /// Sets the handle up to fetch `url` into `sink` with `template`'s options (reset
    /// and applied only when the handle last served another template), and `override`'s
    /// request for this transfer only.
    func prepare(url: String, template: RequestTemplate, sink: BodySink, override: RequestOverride? = nil) {
        if configuredFor !== template {
            cfetch_easy_setopt_share(raw, nil)  // curl_easy_reset keeps a handle's share
            curl_easy_reset(raw)
            requestOverridden = false
            overrideHeaders = nil
            cfetch_easy_setopt_pointer(raw, CURLOPT_PRIVATE, Unmanaged.passUnretained(self).toOpaque())
            template.apply(to: raw)
            cfetch_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
            cfetch_easy_setopt_write_callback(raw, CURLOPT_WRITEFUNCTION, writeToSink)
            cfetch_easy_setopt_opensocket_callback(raw, CURLOPT_OPENSOCKETFUNCTION, cfetch_open_socket_keeping_errno)
            cfetch_easy_setopt_pointer(raw, CURLOPT_OPENSOCKETDATA, UnsafeMutableRawPointer(refusedSocketErrno))
            cfetch_easy_setopt_write_callback(raw, CURLOPT_HEADERFUNCTION, showToWatch)
            cfetch_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, Unmanaged.passUnretained(watch).toOpaque())
            if let receiveBufferSize {
                cfetch_easy_setopt_long(raw, CURLOPT_BUFFERSIZE, receiveBufferSize)
            }
            mayMultiplex = false
            configuredFor = template
        }
        setMayMultiplex(template.mayMultiplex(url: url))
        if let proxy = template.proxy.perTransfer(url: url) {
            cfetch_easy_setopt_string(raw, CURLOPT_PROXY, proxy)
        }
        if override != nil || requestOverridden {
            overrideHeaders = template.applyOverride(override, to: raw)
            requestOverridden = override != nil
        }
        cfetch_easy_setopt_string(raw, CURLOPT_URL, url)
        errorBuffer[0] = 0
        refusedSocketErrno.pointee = 0
        watch.reset()
        self.sink = sink
        cfetch_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
    }

    /// An https transfer (without `--http1.1`) may share an HTTP/2 connection: it waits
    /// for a connection to its host still being set up rather than opening its own
    /// (`CURLOPT_PIPEWAIT`; curl 7.88's `ConnectionExists` waits only while it does not
    /// yet know whether the server multiplexes). Set only when it changes, so a run of
    /// plain http transfers never pays for it.
    private func setMayMultiplex(_ may: Bool) {
        guard may != mayMultiplex else { return }
        mayMultiplex = may
        cfetch_easy_setopt_long(raw, CURLOPT_PIPEWAIT, may ? 1 : 0)
    }

    /// Whether curl should skip looking for a reusable connection: the search walks
    /// every connection to the host, so it is skipped when none can be idle.
    func setFreshConnect(_ fresh: Bool) {
        freshConnect = fresh
        cfetch_easy_setopt_long(raw, CURLOPT_FRESH_CONNECT, fresh ? 1 : 0)
    }

    /// The last `setFreshConnect`: the attempt under way opens a connection of its own.
    private(set) var freshConnect = false

    /// Whether the transfer closes its connection when done instead of caching it. Read by
    /// curl when the transfer ends, so it may be set while the transfer runs.
    func setForbidReuse(_ forbid: Bool) {
        cfetch_easy_setopt_long(raw, CURLOPT_FORBID_REUSE, forbid ? 1 : 0)
    }

    /// Connections this handle's last transfer opened (0 when it reused one).
    var connectionsOpened: Int {
        var count = 0
        cfetch_easy_getinfo_long(raw, CURLINFO_NUM_CONNECTS, &count)
        return count
    }

    /// Asks curl to call `progress` (with `context`) during the transfer; a non-zero
    /// return from it aborts the transfer with `CURLE_ABORTED_BY_CALLBACK`.
    func setAbortCheck(_ check: AbortCheck) {
        cfetch_easy_setopt_long(raw, CURLOPT_NOPROGRESS, 0)
        cfetch_easy_setopt_xferinfo_callback(raw, CURLOPT_XFERINFOFUNCTION, checkAbort)
        cfetch_easy_setopt_pointer(raw, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(check).toOpaque())
    }

    /// Runs the whole transfer on the calling thread (the blocking strategy).
    func perform() -> CURLcode {
        curl_easy_perform(raw)
    }

    /// Lets go of the sink once the transfer is over (its owner settles its file).
    func finish() {
        sink = nil
    }

    /// The errno of a socket() the system refused during the last attempt, 0 if none was.
    var socketRefusal: Int32 {
        socketRegistry?.refusal ?? refusedSocketErrno.pointee
    }

    func info() -> TransferInfo {
        var info = TransferInfo()
        var code = 0
        cfetch_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        // An interim (1xx) code is all curl has when no final response came: no status.
        info.status = code >= 200 ? code : nil
        var version = 0
        cfetch_easy_getinfo_long(raw, CURLINFO_HTTP_VERSION, &version)
        info.httpVersion = Self.versionName(version)
        info.contentType = string(CURLINFO_CONTENT_TYPE)
        info.effectiveURL = string(CURLINFO_EFFECTIVE_URL)
        info.phases.dns = seconds(CURLINFO_NAMELOOKUP_TIME_T)
        info.phases.connect = seconds(CURLINFO_CONNECT_TIME_T)
        info.phases.tls = seconds(CURLINFO_APPCONNECT_TIME_T)
        info.phases.ttfb = seconds(CURLINFO_STARTTRANSFER_TIME_T)
        info.phases.total = seconds(CURLINFO_TOTAL_TIME_T)
        cfetch_easy_getinfo_long(raw, CURLINFO_REDIRECT_COUNT, &info.redirects)
        if code == 429 || code == 503, watch.retryAfterSeen {
            var wait: curl_off_t = 0
            cfetch_easy_getinfo_off_t(raw, CURLINFO_RETRY_AFTER, &wait)
            info.retryAfter = Double(max(0, wait))
        }
        return info
    }

    /// curl's detailed message for a failed transfer (a proxy's password hidden), or its
    /// generic one.
    func message(for code: CURLcode) -> String {
        if errorBuffer[0] != 0 { return CurlMessageRedaction.redact(String(cString: errorBuffer)) }
        return String(cString: curl_easy_strerror(code))
    }

    private func string(_ item: CURLINFO) -> String? {
        var pointer: UnsafeMutablePointer<CChar>? = nil
        guard cfetch_easy_getinfo_string(raw, item, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }

    private func seconds(_ item: CURLINFO) -> Double {
        var micros: curl_off_t = 0
        cfetch_easy_getinfo_off_t(raw, item, &micros)
        return Double(micros) / 1e6
    }

    private static func versionName(_ version: Int) -> String? {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): return "1.0"
        case Int(CURL_HTTP_VERSION_1_1): return "1.1"
        case Int(CURL_HTTP_VERSION_2_0): return "2"
        case Int(CURL_HTTP_VERSION_3): return "3"
        default: return nil
        }
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
        refusedSocketErrno.deallocate()
    }
}

/// Tells a transfer in progress to stop; read from curl's progress callback.
final class AbortCheck: Sendable {
    private let shouldAbort: @Sendable () -> Bool
    init(_ shouldAbort: @escaping @Sendable () -> Bool) { self.shouldAbort = shouldAbort }
    var aborted: Bool { shouldAbort() }
}

private let writeToSink: cfetch_write_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let sink = Unmanaged<BodySink>.fromOpaque(userdata).takeUnretainedValue()
    return sink.accept(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let showToWatch: cfetch_write_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let watch = Unmanaged<ResponseWatch>.fromOpaque(userdata).takeUnretainedValue()
    return watch.take(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
}

private let checkAbort: cfetch_xferinfo_callback = { context, _, _, _, _ in
    guard let context else { return 0 }
    return Unmanaged<AbortCheck>.fromOpaque(context).takeUnretainedValue().aborted ? 1 : 0
}
