import CLinuxCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The sockets one blocking worker's handle has open, so a cancel from another thread can
/// shut them down and wake `curl_easy_perform` at once — curl's progress callback alone
/// only notices about once a second while a transfer waits.
///
/// Opening, closing and shutting down all happen under one lock, so a descriptor is never
/// shut down after curl closed it (when its number may already belong to someone else).
final class SocketRegistry: Sendable {
    private struct State {
        var open: Set<Int32> = []
        var shutDown = false
        /// The errno of a socket() the system refused since `track(sockets:)` (0: none).
        var refusal: Int32 = 0
    }

    private let state = Locked(State())

    /// Shuts down every open socket, and every socket opened from now on.
    func shutDownAll() {
        state.withLock { state in
            state.shutDown = true
            for fd in state.open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    /// The errno of a socket() the system refused during this attempt, 0 if none was.
    var refusal: Int32 { state.withLock { $0.refusal } }

    fileprivate func startAttempt() {
        state.withLock { $0.refusal = 0 }
    }

    /// Opens a socket as every handle does (`cfetch_open_socket_keeping_errno`, which keeps
    /// a refusal's errno), and tracks it.
    fileprivate func open(_ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>) -> Int32 {
        state.withLock { state in
            guard !state.shutDown else { return CURL_SOCKET_BAD }
            let fd = cfetch_open_socket_keeping_errno(&state.refusal, purpose, address)
            if fd != CURL_SOCKET_BAD { state.open.insert(fd) }
            return fd
        }
    }

    fileprivate func close(_ fd: Int32) -> Int32 {
        state.withLock { state in
            state.open.remove(fd)
            return Glibc.close(fd)
        }
    }
}

extension EasyHandle {
    /// Lets curl open and close this handle's sockets through `registry`, which the
    /// handle keeps alive: cached connections are closed as late as `curl_easy_cleanup`.
    /// Called before each attempt: it also forgets the last attempt's refused socket.
    func track(sockets registry: SocketRegistry) {
        socketRegistry = registry
        registry.startAttempt()
        let context = Unmanaged.passUnretained(registry).toOpaque()
        cfetch_easy_setopt_opensocket_callback(raw, CURLOPT_OPENSOCKETFUNCTION, openTrackedSocket)
        cfetch_easy_setopt_pointer(raw, CURLOPT_OPENSOCKETDATA, context)
        cfetch_easy_setopt_closesocket_callback(raw, CURLOPT_CLOSESOCKETFUNCTION, closeTrackedSocket)
        cfetch_easy_setopt_pointer(raw, CURLOPT_CLOSESOCKETDATA, context)
    }
}

private let openTrackedSocket: cfetch_opensocket_callback = { context, purpose, address in
    guard let context, let address else { return CURL_SOCKET_BAD }
    return Unmanaged<SocketRegistry>.fromOpaque(context).takeUnretainedValue().open(purpose, address)
}

private let closeTrackedSocket: cfetch_closesocket_callback = { context, fd in
    guard let context else { return Glibc.close(fd) }
    return Unmanaged<SocketRegistry>.fromOpaque(context).takeUnretainedValue().close(fd)
}
