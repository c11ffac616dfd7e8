import Foundation
import RedisTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that never answers: with room in its backlog the kernel
/// completes a client's handshake and the client's command waits for a reply that never
/// comes (a command timeout); with its backlog full (`backlogFull`) a new connection's SYN
/// is dropped, so the connect itself waits (a connect timeout).
final class SilentListener: Sendable {
    let port: Int
    private let fd: Int32
    /// The connection that fills a zero backlog, when there is one.
    private let filler: Int32

    init(backlogFull: Bool = false) throws {
        let (fd, port) = try LoopbackSocket.bound()
        guard listen(fd, backlogFull ? 0 : 16) == 0 else {
            let code = errno
            close(fd)
            throw LoopbackSocket.Failed(call: "listen", code: code)
        }
        self.fd = fd
        self.port = port
        // Linux lets backlog + 1 connections wait for accept(): one fills a backlog of 0.
        filler = backlogFull ? Self.openConnection(to: port) : -1
    }

    deinit {
        if filler >= 0 { close(filler) }
        close(fd)
    }

    private static func openConnection(to port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return fd
    }
}
