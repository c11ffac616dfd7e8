import FetchTestServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A failure of the test client, with what it was doing.
struct RawHTTPError: Error, CustomStringConvertible {
    let description: String

    static func errno(_ call: String) -> RawHTTPError {
        RawHTTPError(description: "\(call): \(String(cString: strerror(Glibc.errno)))")
    }
}

/// One parsed HTTP/1.1 response.
struct RawHTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// An HTTP/1.1 client over one loopback TCP connection, on plain POSIX sockets:
/// deliberately independent of NIO, so it checks the server's bytes, not NIO's
/// agreement with itself.
///
/// Reads block, so the `async` methods run them on a thread of their own (see
/// ``onOwnThread(_:)``) and never hold one of the few threads of Swift's concurrency
/// pool, which other suites in the same process need. A test that times a sequence of
/// reads runs it inside one `onOwnThread` through ``blocking``, so the pool's latency
/// in resuming it is not part of what it measures. Every read and write has a socket
/// timeout, so a broken server fails a test instead of hanging it.
///
/// A test uses a connection from one thread at a time, handing it to a reading thread
/// and awaiting the result.
final class RawHTTPConnection: @unchecked Sendable {  // guarded: one thread at a time, handed over
    private let fd: Int32
    private var buffered: [UInt8] = []
    private var isClosed = false

    init(port: Int, timeoutSeconds: Int = 15) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError.errno("socket") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = RawHTTPError.errno("connect")
            Glibc.close(fd)
            throw error
        }
    }

    deinit {
        close()
    }

    /// Closes the socket now rather than when the last reference goes.
    func close() {
        if !isClosed {
            isClosed = true
            Glibc.close(fd)
        }
    }

    /// Sends a GET (or other method) for `path`, with `Host` and any extra header lines.
    func sendRequest(_ path: String, method: String = "GET", headers: [String] = []) throws {
        let lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1"] + headers
        try send(lines.joined(separator: "\r\n") + "\r\n\r\n")
    }

    func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw RawHTTPError.errno("send") }
            bytes = bytes.dropFirst(sent)
        }
    }

    /// Reads one response; the body is framed by Content-Length, or read to EOF without one.
    /// `bodyless` is for HEAD requests, whose Content-Length describes a body not sent.
    func readResponse(bodyless: Bool = false) async throws -> RawHTTPResponse {
        try await onOwnThread { try self.blockingReadResponse(bodyless: bodyless) }
    }

    /// Reads a response head, leaving the body unread.
    func readHead() async throws -> RawHTTPResponse {
        try await onOwnThread { try self.blockingReadHead() }
    }

    func readExactly(_ count: Int) async throws -> [UInt8] {
        try await onOwnThread { try self.blockingReadExactly(count) }
    }

    /// Reads until the peer closes; `errno` is set if it ended with an error (e.g. ECONNRESET).
    func readToEnd() async throws -> (bytes: [UInt8], errno: Int32?) {
        try await onOwnThread { try self.blockingReadToEnd() }
    }

    /// Reads at most `count` more bytes as they arrive (at least one unless at EOF).
    func readSome(_ count: Int) async throws -> [UInt8] {
        try await onOwnThread { try self.blockingReadSome(count) }
    }

    /// The same reads, blocking the calling thread; for use inside ``onOwnThread(_:)``.
    var blocking: BlockingReads { BlockingReads(connection: self) }

    struct BlockingReads {
        let connection: RawHTTPConnection

        func readResponse(bodyless: Bool = false) throws -> RawHTTPResponse {
            try connection.blockingReadResponse(bodyless: bodyless)
        }

        func readHead() throws -> RawHTTPResponse { try connection.blockingReadHead() }

        func readExactly(_ count: Int) throws -> [UInt8] { try connection.blockingReadExactly(count) }

        func readToEnd() throws -> (bytes: [UInt8], errno: Int32?) { try connection.blockingReadToEnd() }

        func readSome(_ count: Int) throws -> [UInt8] { try connection.blockingReadSome(count) }
    }

    private func blockingReadResponse(bodyless: Bool) throws -> RawHTTPResponse {
        var response = try blockingReadHead()
        if bodyless || response.status == 204 || response.status == 304 {
            return response
        }
        if let length = response.header("content-length").flatMap(Int.init) {
            response.body = try blockingReadExactly(length)
        } else {
            response.body = try blockingReadToEnd().bytes
        }
        return response
    }

    private func blockingReadHead() throws -> RawHTTPResponse {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let end = buffered.firstRange(of: terminator) {
                let headText = String(decoding: buffered[..<end.lowerBound], as: UTF8.self)
                buffered.removeSubrange(..<end.upperBound)
                return try Self.parseHead(headText)
            }
            guard try fill() > 0 else { throw RawHTTPError(description: "connection closed before the head ended") }
        }
    }

    private func blockingReadExactly(_ count: Int) throws -> [UInt8] {
        while buffered.count < count {
            guard try fill() > 0 else {
                throw RawHTTPError(description: "connection closed after \(buffered.count) of \(count) body bytes")
            }
        }
        defer { buffered.removeSubrange(..<count) }
        return Array(buffered[..<count])
    }

    private func blockingReadToEnd() throws -> (bytes: [UInt8], errno: Int32?) {
        do {
            while try fill() > 0 {}
            defer { buffered = [] }
            return (buffered, nil)
        } catch let error as ReadFailure {
            defer { buffered = [] }
            return (buffered, error.errno)
        }
    }

    private func blockingReadSome(_ count: Int) throws -> [UInt8] {
        if buffered.isEmpty { _ = try fill() }
        let taken = min(count, buffered.count)
        defer { buffered.removeSubrange(..<taken) }
        return Array(buffered[..<taken])
    }

    private struct ReadFailure: Error {
        let errno: Int32
    }

    /// Appends whatever the socket has; 0 means EOF.
    private func fill() throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if received < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { throw RawHTTPError(description: "read timed out") }
            throw ReadFailure(errno: errno)
        }
        buffered.append(contentsOf: chunk[..<received])
        return received
    }

    private static func parseHead(_ text: String) throws -> RawHTTPResponse {
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw RawHTTPError(description: "bad status line: \(lines[0])")
        }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            return (String(line[..<colon]), String(value))
        }
        return RawHTTPResponse(status: status, headers: headers, body: [])
    }
}
