import Testing

@testable import FetchKit

/// The header callback's bookkeeping, fed header lines as curl hands them over.
@Suite("ResponseWatch")
struct ResponseWatchTests {
    private func feed(_ lines: [String]) throws -> (watch: ResponseWatch, accepted: [Bool]) {
        let handle = try EasyHandle()
        let watch = handle.watch
        watch.reset()
        let accepted = lines.map { line in
            Array(line.utf8).withUnsafeBytes { watch.take($0) }
        }
        return (watch, accepted)
    }

    @Test(
        "equal Content-Length values agree, in one header or several",
        arguments: [
            ["Content-Length: 5\r\n", "content-length: 5\r\n"],
            ["Content-Length: 5, 5\r\n"],
            ["CONTENT-LENGTH:5\r\n"],
            // A new response (after a 1xx, or a redirect) starts afresh.
            [
                "HTTP/1.1 302 Found\r\n", "Content-Length: 7\r\n", "\r\n", "HTTP/1.1 200 OK\r\n",
                "Content-Length: 9\r\n",
            ],
            // Not a number: left to curl.
            ["Content-Length: 5\r\n", "Content-Length: five\r\n"],
        ])
    func agreeingLengths(lines: [String]) throws {
        let (watch, accepted) = try feed(lines)
        #expect(accepted.allSatisfy { $0 })
        #expect(watch.conflictingLengths == nil)
    }

    @Test(
        "different Content-Length values abort the transfer",
        arguments: [
            ["Content-Length: 5\r\n", "Content-Length: 10\r\n"],
            ["Content-Length: 5, 10\r\n"],
        ])
    func conflictingLengths(lines: [String]) throws {
        let (watch, accepted) = try feed(lines)
        #expect(accepted.last == false)
        #expect(watch.conflictingLengths?.first == "5")
        #expect(watch.conflictingLengths?.second == "10")
    }

    @Test func countsInterimResponsesAndTheLastStatus() throws {
        let (watch, _) = try feed(Array(repeating: "HTTP/1.1 100 Continue\r\n", count: 3) + ["HTTP/1.1 abc OK\r\n"])
        #expect(watch.interimResponses == 3)
        #expect(watch.lastStatus == 100, "a status line without a code changes nothing")
        #expect(watch.redirectingURL == nil)
    }

    @Test func aRedirectRecordsTheURLItCameFrom() throws {
        let handle = try EasyHandle()
        let watch = handle.watch
        // Before any transfer curl's effective URL is the one set with CURLOPT_URL.
        handle.prepare(
            url: "http://example.test/from", template: try RequestTemplate(options: FetchOptions()), sink: BodySink())
        _ = Array("HTTP/1.1 301 Moved\r\n".utf8).withUnsafeBytes { watch.take($0) }
        #expect(watch.redirectingURL == "http://example.test/from")
        #expect(watch.lastStatus == 301)
    }
}
