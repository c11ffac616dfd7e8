import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Plain TCP sockets on 127.0.0.1 for the fixtures: a free port to start a server on, a
/// listener that never answers, and the probe that asks a server for PONG.
public enum LoopbackSocket {
    public struct Failed: Error, CustomStringConvertible {
        public var call: String
        public var code: Int32
        public var description: String { "loopback socket: \(call): \(String(cString: strerror(code)))" }

        public init(call: String, code: Int32) {
            self.call = call
            self.code = code
        }
    }

    /// A TCP socket bound to 127.0.0.1:`port` (0: any free one); returns it and its port.
    public static func bound(port: Int = 0) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failed(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            close(fd)
            throw Failed(call: "bind", code: code)
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port nobody listened on a moment ago (bound to port 0, read back, closed):
    /// another process may take it before the server binds it, which
    /// `RedisServerProcess.start` survives by starting again on another.
    public static func freePort() throws -> Int {
        let (fd, port) = try bound()
        close(fd)
        return port
    }

    /// Connects to 127.0.0.1:`port`, sends `PING` and returns the first bytes of the answer
    /// ("" when nothing answered within `timeout`); nil when the connect failed.
    public static func ping(port: Int, timeout: Duration = .milliseconds(500)) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var wait = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        wait.tv_usec = Int(timeout.components.attoseconds / 1_000_000_000_000)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        let request = Array("PING\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return "" }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    }
}
