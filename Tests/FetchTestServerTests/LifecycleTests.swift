import FetchTestServer
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Start and shutdown")
struct LifecycleTests {
    @Test func startsOnAnEphemeralLoopbackPort() throws {
        let server = try TestServer.start()
        defer { try? server.shutdown() }
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        #expect(server.url("/bytes/1") == "http://127.0.0.1:\(server.port)/bytes/1")
    }

    @Test func bracketsIPv6Hosts() throws {
        guard let server = try? TestServer.start(host: "::1") else { return }  // No IPv6 loopback here.
        defer { try? server.shutdown() }
        #expect(server.baseURL == "http://[::1]:\(server.port)")
    }

    @Test func refusesConnectionsAfterShutdown() async throws {
        let server = try TestServer.start()
        let connection = try RawHTTPConnection(port: server.port)
        try connection.sendRequest("/delay/10000")
        try server.shutdown()
        // The open connection was closed, and the port no longer listens.
        #expect(try await connection.readToEnd().bytes.isEmpty)
        #expect(throws: RawHTTPError.self) { try RawHTTPConnection(port: server.port) }
    }

    @Test func shutdownIsIdempotent() async throws {
        let server = try TestServer.start(threads: 2)
        try server.shutdown()
        try server.shutdown()
        try await server.shutdownGracefully()
    }

    @Test func aPortInUseIsAReadableError() throws {
        let first = try TestServer.start()
        defer { try? first.shutdown() }
        #expect {
            try TestServer.start(port: first.port)
        } throws: { error in
            "\(error)" == "cannot listen on 127.0.0.1:\(first.port): address already in use"
        }
    }

    @Test func anImpossiblePortIsAReadableError() {
        #expect {
            try TestServer.start(port: 70_000)
        } throws: { error in
            "\(error)".hasPrefix("cannot listen on 127.0.0.1:70000: ")
        }
    }
}
