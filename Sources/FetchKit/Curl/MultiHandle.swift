import CLinuxCurl

#if canImport(Glibc)
import Glibc
#endif

/// curl's multi handle, driven by socket and timer events from our own loop.
///
/// curl's socket and timer callbacks only *record*: the socket interest goes to
/// `onSocketInterest`, the deadline into `deadline`. Every method runs on the loop thread.
final class MultiHandle {
    let raw: UnsafeMutableRawPointer
    /// When curl wants `socketAction(timeout)` next (MonotonicClock ns), or nil.
    private(set) var deadline: UInt64?
    /// Called with a socket and the poll events curl wants for it (0: forget it).
    var onSocketInterest: (Int32, Int16) -> Void = { _, _ in }

    /// - Parameters:
    ///   - maxConnections: the connection cache's size. curl's default (4 per handle
    ///     added) shrinks as transfers finish, and every connection returned past it scans
    ///     the whole cache for one to close: quadratic at ten thousand connections. curl
    ///     counts connections, not transfers: an HTTP/2 connection carrying 100 streams is one.
    ///   - h2Streams: the most transfers curl multiplexes over one HTTP/2 connection
    ///     (`CURLMOPT_MAX_CONCURRENT_STREAMS`): curl 7.88 announces it in its SETTINGS and
    ///     opens another connection for a transfer that finds every one at this limit (or
    ///     at the server's own, when that is lower).
    init(maxConnections: Int, h2Streams: Int = EngineSettings.defaultH2Streams) throws(CurlError) {
        try CurlGlobal.initialize()
        guard let raw = curl_multi_init() else { throw CurlError(call: "curl_multi_init") }
        self.raw = raw
        cfetch_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, max(maxConnections, 1))
        cfetch_multi_setopt_long(raw, CURLMOPT_MAX_CONCURRENT_STREAMS, max(h2Streams, 1))
        let context = Unmanaged.passUnretained(self).toOpaque()
        cfetch_multi_setopt_socket_callback(raw, CURLMOPT_SOCKETFUNCTION, recordSocketInterest)
        cfetch_multi_setopt_pointer(raw, CURLMOPT_SOCKETDATA, context)
        cfetch_multi_setopt_timer_callback(raw, CURLMOPT_TIMERFUNCTION, recordDeadline)
        cfetch_multi_setopt_pointer(raw, CURLMOPT_TIMERDATA, context)
    }

    func add(_ easy: EasyHandle) -> CURLMcode {
        curl_multi_add_handle(raw, easy.raw)
    }

    func remove(_ easy: EasyHandle) {
        curl_multi_remove_handle(raw, easy.raw)
    }

    /// Tells curl that `fd` is ready with `revents` (as poll(2) reported them).
    func socketReady(fd: Int32, revents: Int16) -> CURLMcode {
        var mask: Int32 = 0
        if revents & Int16(POLLIN | POLLHUP) != 0 { mask |= CURL_CSELECT_IN }
        if revents & Int16(POLLOUT) != 0 { mask |= CURL_CSELECT_OUT }
        if revents & Int16(POLLERR | POLLNVAL) != 0 { mask |= CURL_CSELECT_ERR }
        var running: Int32 = 0
        return curl_multi_socket_action(raw, fd, mask, &running)
    }

    /// Tells curl its deadline has passed.
    func deadlineReached() -> CURLMcode {
        deadline = nil
        var running: Int32 = 0
        return curl_multi_socket_action(raw, CURL_SOCKET_TIMEOUT, 0, &running)
    }

    /// The next finished transfer: its easy handle and result, both taken before the
    /// handle may be removed (curl reuses the message memory).
    func nextFinished() -> (handle: EasyHandle, result: CURLcode)? {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(raw, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let raw = message.pointee.easy_handle,
                let handle = EasyHandle.owner(of: raw)
            else { continue }
            return (handle, cfetch_msg_result(message))
        }
        return nil
    }

    fileprivate func record(fd: Int32, what: Int32) {
        switch what {
        case CURL_POLL_IN: onSocketInterest(fd, Int16(POLLIN))
        case CURL_POLL_OUT: onSocketInterest(fd, Int16(POLLOUT))
        case CURL_POLL_INOUT: onSocketInterest(fd, Int16(POLLIN | POLLOUT))
        default: onSocketInterest(fd, 0)
        }
    }

    func record(timeoutMilliseconds: Int) {
        deadline =
            timeoutMilliseconds < 0
            ? nil : MonotonicClock.now() + UInt64(timeoutMilliseconds) * 1_000_000
    }

    deinit { curl_multi_cleanup(raw) }
}

private let recordSocketInterest: cfetch_socket_callback = { _, fd, what, context, _ in
    guard let context else { return 0 }
    Unmanaged<MultiHandle>.fromOpaque(context).takeUnretainedValue().record(fd: fd, what: what)
    return 0
}

private let recordDeadline: cfetch_timer_callback = { _, milliseconds, context in
    guard let context else { return 0 }
    Unmanaged<MultiHandle>.fromOpaque(context).takeUnretainedValue()
        .record(timeoutMilliseconds: milliseconds)
    return 0
}
