import Foundation
import Testing

@testable import FetchKit

@Suite("Input lines")
struct URLLineTests {
    @Test(
        "valid http(s) URLs are accepted",
        arguments: [
            "http://127.0.0.1/", "https://example.com/a?b=c#d", "HTTP://EXAMPLE.COM", "http://[::1]:8080/x",
            "https://user:pw@host.example/path",
        ])
    func accepted(url: String) {
        #expect(URLCheck.problem(with: url) == nil)
    }

    @Test(
        "other lines get their error class",
        arguments: [
            ("ftp://example.com/file", ErrorClass.unsupportedScheme),
            ("file:///etc/passwd", .unsupportedScheme),
            ("gopher://example.com", .unsupportedScheme),
            ("foo://example.com", .unsupportedScheme),
            ("not a url", .invalidURL),
            ("http://", .invalidURL),
            ("example.com", .invalidURL),
            ("http://exa mple.com/", .invalidURL),
        ])
    func refused(url: String, expected: ErrorClass) {
        #expect(URLCheck.problem(with: url)?.errorClass == expected)
    }

    @Test("blank lines and comments are skipped; indexes count only URL lines")
    func parser() {
        var parser = URLLineParser()
        let lines = ["", "  # comment", "\t", " http://a.example/ ", "#x", "http://b.example/\r"]
        let jobs = lines.compactMap { parser.job(for: Array($0.utf8)) }
        #expect(jobs.map(\.index) == [0, 1])
        #expect(jobs.map(\.url) == ["http://a.example/", "http://b.example/"])
    }

    @Test("for a run with a frontier the parser keys each URL's host, as HostKey(url:) does; bad lines have none")
    func hostKeys() {
        var parser = URLLineParser()
        parser.keysHosts = true
        let lines = ["HTTP://User:pw@A.Example/x", "https://a.example:8443/", "http://[::1]:81/", "ftp://x/", "nope"]
        let jobs = lines.compactMap { parser.job(for: Array($0.utf8)) }
        #expect(
            jobs.map(\.host) == lines.map { line in URLCheck.problem(with: line) == nil ? HostKey(url: line) : nil })
        #expect(jobs[0].host == HostKey(scheme: "http", host: "a.example", port: 80))
        #expect(jobs[2].host?.description == "[::1]:81")
        var plain = URLLineParser()
        #expect(plain.job(for: Array("http://a.example/".utf8))?.host == nil)
    }

    @Test("a byte-order mark is stripped at the start of each list, and only there")
    func byteOrderMark() {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        var parser = URLLineParser()
        // The mark may come before a comment, a blank line or the first URL.
        #expect(parser.job(for: mark + Array("# list".utf8)) == nil)
        #expect(parser.job(for: Array("http://a.example/".utf8))?.problem == nil)
        // Further down a list it is part of the line, and the line is not a URL.
        #expect(parser.job(for: mark + Array("http://b.example/".utf8))?.problem?.errorClass == .invalidURL)
        parser.startList()
        let second = parser.job(for: mark + Array(" http://c.example/".utf8))
        #expect(second?.url == "http://c.example/")
        #expect(second?.problem == nil)
        #expect(second?.index == 2)
    }

    @Test("a line passed over (another shard's, or unread after a stop) by the same rules, its index taken")
    func countingRules() {
        var parser = URLLineParser()
        let lines = ["\u{FEFF}# list", "", "  # c", "http://a/", " not a url ", "\t"]
        #expect(lines.filter { parser.skip(Array($0.utf8)) }.count == 2)
        #expect(parser.nextIndex == 2)
        parser.skipOverlongLine()
        #expect(parser.job(for: Array("http://b/".utf8))?.index == 3)
    }

    @Test("invalid UTF-8 becomes an invalid-url job")
    func invalidUTF8() {
        var parser = URLLineParser()
        let job = parser.job(for: [0x68, 0x74, 0xFF, 0xFE])
        #expect(job?.problem?.errorClass == .invalidURL)
        #expect(job?.url.contains("\u{FFFD}") == true)
    }

    @Test("the line reader splits chunks, handles a missing final newline, and caps line length")
    func lineReader() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString)").path
        defer { unlink(path) }
        let long = String(repeating: "x", count: 200)
        try "a\r\n\(long)\n\nlast".write(toFile: path, atomically: true, encoding: .utf8)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var reader = LineReader(fd: fd, maxLineLength: 100)
        var lines: [String] = []
        while let line = try reader.next() {
            switch line {
            case .text(let bytes): lines.append(String(decoding: bytes, as: UTF8.self))
            case .tooLong: lines.append("<too long>")
            }
        }
        #expect(lines == ["a\r", "<too long>", "", "last"])
    }
}
