import FetchTestServer
import Foundation
import Testing

@Suite("/bytes/N")
struct BytesEndpointTests {
    @Test(arguments: [0, 1, 1_000, 65_536, 65_537, 3_000_000])
    func sendsExactlyNPatternBytes(count: Int) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/bytes/\(count)")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/octet-stream")
            #expect(response.header("content-length") == String(count))
            #expect(response.body == expectedBody(count: count))
        }
    }

    @Test func headAnnouncesTheLengthWithoutSendingIt() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/bytes/10000000", method: "HEAD")
            #expect(response.status == 200)
            #expect(response.header("content-length") == "10000000")
        }
    }

    @Test(arguments: ["abc", "-1", "+5", "10737418241", "99999999999999999999999"])
    func rejectsBadCounts(argument: String) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/bytes/\(argument)")
            #expect(response.status == 400)
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
        }
    }

    /// 1 GiB must stream: the server process (this one) may not grow by anything like it.
    @Test(.enabled(if: CurlCommand.isAvailable), .timeLimit(.minutes(1)))
    func streamsAGibibyteWithoutHoldingIt() async throws {
        try await withTestServer { server in
            let before = residentBytes()
            let result = try await CurlCommand.run(server.url("/bytes/1073741824"), writeOut: "%{size_download}")
            #expect(result.exitCode == 0)
            #expect(result.output == "1073741824")
            #expect(residentBytes() - before < 256 << 20)
        }
    }

    private func residentBytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
}
