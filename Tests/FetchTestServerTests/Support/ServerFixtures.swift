import FetchTestServer

#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` against a fresh server and shuts the server down however `body` ends.
func withTestServer<Result>(
    threads: Int = 1,
    listeners: Int = 1,
    _ body: (TestServer) async throws -> Result
) async throws -> Result {
    try await TestServer.withRunning(threads: threads, listeners: listeners, body)
}

/// A single request on its own connection (`Connection: close`), to `server.ports[port]`.
func fetch(
    _ server: TestServer,
    _ path: String,
    port index: Int = 0,
    method: String = "GET",
    headers: [String] = []
) async throws
    -> RawHTTPResponse
{
    let connection = try RawHTTPConnection(port: server.ports[index])
    try connection.sendRequest(path, method: method, headers: headers + ["Connection: close"])
    return try await connection.readResponse(bodyless: method == "HEAD")
}

/// Seconds since an arbitrary point, for measuring how long the server took.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// The server's deterministic body content: byte `i` is `alphabet[i % 64]`.
func expectedBody(offset: Int = 0, count: Int) -> [UInt8] {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    return (offset..<offset + count).map { alphabet[$0 % alphabet.count] }
}
