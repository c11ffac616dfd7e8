import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Ports nobody listened on a moment ago, for a server that cannot be told "any port" and
/// report it back (nginx cannot): each is bound on 127.0.0.1 to port 0, read back, and all
/// are closed together so they are distinct. Another process may take one before the server
/// binds it; `NginxServer.start` then starts again on new ones.
enum FreePorts {
    struct Failed: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "picking a free port: \(call): \(String(cString: strerror(code)))" }
    }

    static func pick(_ count: Int) throws -> [Int] {
        var descriptors: [Int32] = []
        defer { for fd in descriptors { close(fd) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failed(call: "socket", code: errno) }
            descriptors.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw Failed(call: "bind", code: errno) }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}
