import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a ``TestServer`` could not start, worded for a person reading a terminal.
public struct TestServerError: Error, CustomStringConvertible, Sendable {
    public let host: String
    public let port: Int
    /// The reason in lower case, e.g. "address already in use".
    public let reason: String

    public var description: String {
        "cannot listen on \(Self.hostAndPort(host, port)): \(reason)"
    }

    /// The address as a URL would show it: IPv6 hosts in brackets.
    static func hostAndPort(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Wraps a bind failure; NIO's `IOError` carries errno, which reads better than its
    /// own description ("bind(descriptor:ptr:bytes:): Address already in use (errno: 98)").
    static func cannotListen(host: String, port: Int, underlying error: any Error) -> TestServerError {
        let reason: String
        if let ioError = error as? IOError {
            reason = String(cString: strerror(ioError.errnoCode)).lowercased()
        } else if error is SocketAddressError {
            reason = "not a local address this machine can bind"
        } else {
            reason = String(describing: error)
        }
        return TestServerError(host: host, port: port, reason: reason)
    }
}
