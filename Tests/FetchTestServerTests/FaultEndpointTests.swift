import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `/fault/…` response that is a fixed string, and what curl 7.88 makes of it.
struct FixedFault: Sendable, CustomTestStringConvertible {
    var path: String
    var bytes: String
    var curlExit: Int32
    var testDescription: String { path }

    static let all: [FixedFault] = [
        FixedFault(path: "/fault/garbage-status", bytes: "HELLO\r\nthis is not HTTP\r\n\r\n", curlExit: 1),
        FixedFault(path: "/fault/http09", bytes: "an HTTP/0.9 style reply: a body with no status line\n", curlExit: 1),
        FixedFault(
            path: "/fault/bad-status-code",
            bytes: "HTTP/1.1 abc OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok", curlExit: 1),
        FixedFault(
            path: "/fault/bad-chunk-size",
            bytes: "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            curlExit: 56),
        FixedFault(
            path: "/fault/duplicate-length",
            bytes: "HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-length: 5\r\nconnection: close\r\n\r\nhello",
            curlExit: 0),
        FixedFault(
            path: "/fault/conflicting-length",
            bytes: "HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-length: 10\r\nconnection: close\r\n\r\nhello",
            curlExit: 18),
    ]
}

@Suite("/fault/…, /chunked, /close-delimited, /retry-after")
struct FaultEndpointTests {
    @Test(arguments: FixedFault.all)
    func fixedFaultsSendExactlyTheirBytesThenClose(fault: FixedFault) async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest(fault.path)
            let everything = try await connection.readToEnd()
            #expect(everything.errno == nil)
            #expect(String(decoding: everything.bytes, as: UTF8.self) == fault.bytes)
            #expect(await eventually { server.openConnections == 0 && server.activeRequests == 0 })
        }
    }

    @Test(.enabled(if: CurlCommand.isAvailable), arguments: FixedFault.all)
    func curlFailsOnEachAsDocumented(fault: FixedFault) async throws {
        try await withTestServer { server in
            let result = try await CurlCommand.run(server.url(fault.path))
            #expect(result.exitCode == fault.curlExit, "\(result)")
        }
    }

    @Test func hugeHeaderLineIsOneMebibyteLong() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest("/fault/huge-header-line")
            let text = String(decoding: try await connection.readToEnd().bytes, as: UTF8.self)
            let prefix = "HTTP/1.1 200 OK\r\nx-huge: "
            #expect(text.hasPrefix(prefix))
            let value = text.utf8.dropFirst(prefix.utf8.count).prefix { $0 != UInt8(ascii: "\r") }
            #expect(value.count == 1 << 20 && value.allSatisfy { $0 == UInt8(ascii: "a") })
            #expect(text.hasSuffix("\r\n\r\nok"))
        }
    }

    /// Reads a megabyte of an endless head: no blank line ends it, and the server keeps
    /// writing for as long as it is read; then the client leaves and the server notices.
    @Test(arguments: [
        ("/fault/endless-headers", "HTTP/1.1 200 OK\r\n", "x-filler: " + String(repeating: "x", count: 88) + "\r\n"),
        ("/fault/endless-continue", "", "HTTP/1.1 100 Continue\r\n\r\n"),
    ])
    func endlessHeadsNeverEnd(path: String, prefix: String, unit: String) async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest(path)
            let bytes = try await connection.readExactly(1 << 20)
            #expect(bytes.starts(with: prefix.utf8))
            let unitBytes = Array(unit.utf8)
            let rest = bytes.dropFirst(prefix.utf8.count)
            var offset = rest.startIndex
            var wholeUnits = true
            while offset + unitBytes.count <= rest.endIndex {
                wholeUnits = wholeUnits && rest[offset..<offset + unitBytes.count].elementsEqual(unitBytes)
                offset += unitBytes.count
            }
            #expect(wholeUnits, "only repeated units, no end of the head")
            #expect(unitBytes.starts(with: rest[offset...]), "the last partial unit")
            connection.close()
            #expect(await eventually { server.openConnections == 0 && server.activeRequests == 0 })
        }
    }

    @Test(.enabled(if: CurlCommand.isAvailable), arguments: ["/fault/endless-headers", "/fault/endless-continue"])
    func curlStopsAnEndlessHeadAtItsHeaderLimit(path: String) async throws {
        try await withTestServer { server in
            let start = monotonicSeconds()
            let result = try await CurlCommand.run(server.url(path))
            #expect(result.exitCode == 56, "Too large response headers")
            #expect(monotonicSeconds() - start < 5, "curl's limit ends it, not --max-time")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip")))
    func gzipBombDecodesToTenMebibytesOfZeros() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/fault/gzip-bomb")
            #expect(response.status == 200)
            #expect(response.header("content-encoding") == "gzip")
            #expect(response.body.count < 100_000)
            let decoded = try await gunzip(response.body)
            #expect(decoded.count == 10 << 20)
            #expect(decoded.allSatisfy { $0 == 0 })
        }
    }

    @Test(arguments: [0, 1, 100_000, 1_000_000])
    func chunkedSendsTheBodyInChunksWithoutALength(count: Int) async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest("/chunked/\(count)", headers: ["Connection: close"])
            let head = try await connection.readHead()
            #expect(head.status == 200)
            #expect(head.header("transfer-encoding") == "chunked")
            #expect(head.header("content-length") == nil)
            let body = try dechunk(try await connection.readToEnd().bytes)
            #expect(body == expectedBody(count: count))
        }
    }

    @Test(arguments: [0, 1, 100_000, 1_000_000])
    func closeDelimitedEndsTheBodyByClosing(count: Int) async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port)
            try connection.sendRequest("/close-delimited/\(count)")
            let head = try await connection.readHead()
            #expect(head.status == 200)
            #expect(head.header("transfer-encoding") == nil)
            #expect(head.header("content-length") == nil)
            let rest = try await connection.readToEnd()
            #expect(rest.errno == nil)
            #expect(rest.bytes == expectedBody(count: count))
            #expect(await eventually { server.openConnections == 0 && server.activeRequests == 0 })
        }
    }

    @Test(arguments: [429, 503])
    func retryAfterInSeconds(code: Int) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/retry-after/\(code)/7")
            #expect(response.status == code)
            #expect(response.header("retry-after") == "7")
        }
    }

    @Test func retryAfterAsAnHTTPDate() async throws {
        try await withTestServer { server in
            let response = try await fetch(server, "/retry-after/503/120?form=date")
            #expect(response.status == 503)
            let value = try #require(response.header("retry-after"))
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = try #require(formatter.date(from: value), "\(value) is not an IMF-fixdate")
            let ahead = date.timeIntervalSinceNow
            #expect(ahead > 110 && ahead <= 121, "\(value) is \(ahead) s ahead")
        }
    }

    @Test(arguments: ["/retry-after/404/1", "/retry-after/429/x", "/retry-after/429/1?form=week"])
    func retryAfterRejectsBadArguments(path: String) async throws {
        try await withTestServer { server in
            let response = try await fetch(server, path)
            #expect(response.status == 400)
        }
    }

    @Test func noAnswerReadsTheRequestAndStaysSilent() async throws {
        try await withTestServer { server in
            let connection = try RawHTTPConnection(port: server.port, timeoutSeconds: 1)
            try connection.sendRequest("/fault/no-answer")
            #expect(await eventually { server.activeRequests == 1 })
            await #expect(throws: RawHTTPError.self) { try await connection.readSome(1) }
            connection.close()
            #expect(await eventually { server.openConnections == 0 && server.activeRequests == 0 })
        }
    }

    @Test func indexListsEveryFault() async throws {
        try await withTestServer { server in
            let text = try await fetch(server, "/").text
            for path in FixedFault.all.map(\.path) + [
                "/fault/huge-header-line", "/fault/endless-headers", "/fault/endless-continue", "/fault/gzip-bomb",
                "/fault/no-answer", "/chunked/N", "/close-delimited/N", "/retry-after/CODE/S",
            ] {
                #expect(text.contains(path))
            }
        }
    }
}

/// Decodes a chunked body (RFC 9112 §7.1), ending at the last chunk.
private func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
    var body: [UInt8] = []
    var rest = bytes[...]
    while true {
        guard let lineEnd = rest.firstRange(of: Array("\r\n".utf8)),
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16)
        else { throw RawHTTPError(description: "bad chunk size line") }
        rest = rest[lineEnd.upperBound...]
        if size == 0 { return body }
        body += rest.prefix(size)
        rest = rest.dropFirst(size + 2)
    }
}

/// The output of `/usr/bin/gzip -dc` on `bytes`.
private func gunzip(_ bytes: [UInt8]) async throws -> [UInt8] {
    try await onOwnThread {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-dc"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(bytes))
        try input.fileHandleForWriting.close()
        let decoded = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](decoded)
    }
}
