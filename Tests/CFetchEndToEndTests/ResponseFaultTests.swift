import FetchTestServer
import Foundation
import Testing

/// One fault endpoint and the record it must give.
struct FaultCase: Sendable {
    var path: String
    /// The error class; nil for a response that is ok despite looking odd.
    var error: String?
    /// Text the message must contain.
    var message: String?
    var status: Int?
    /// No final response arrived: the record's status must be null.
    var noStatus = false

    /// Every fault the test server has, run with `faultOptions`.
    static let all: [FaultCase] = [
        FaultCase(path: "/fault/garbage-status", error: "protocol", message: "no HTTP status line", noStatus: true),
        FaultCase(path: "/fault/http09", error: "protocol", message: "no HTTP status line"),
        FaultCase(path: "/fault/bad-status-code", error: "protocol", message: "invalid HTTP status line"),
        FaultCase(path: "/fault/bad-chunk-size", error: "protocol", message: "chunked-encoding"),
        FaultCase(path: "/fault/duplicate-length", error: nil, status: 200),
        FaultCase(path: "/fault/conflicting-length", error: "protocol", message: "conflicting Content-Length"),
        FaultCase(path: "/fault/huge-header-line", error: "too-large", message: "header line"),
        FaultCase(path: "/fault/endless-headers", error: "too-large", message: "response headers"),
        FaultCase(
            path: "/fault/endless-continue", error: "protocol", message: "interim (1xx) responses", noStatus: true),
        FaultCase(
            path: "/fault/gzip-bomb", error: "too-large", message: "body larger than --max-filesize (100000 bytes)"),
        FaultCase(path: "/chunked/1000000", error: "too-large", message: "body larger than --max-filesize"),
        FaultCase(path: "/close-delimited/1000000", error: "too-large", message: "body larger than --max-filesize"),
        FaultCase(path: "/bytes/1000000", error: "too-large", message: "body larger than --max-filesize"),
        FaultCase(path: "/chunked/100000", error: nil, status: 200),
        FaultCase(path: "/reset", error: "reset", status: 200),
        FaultCase(path: "/fault/no-answer", error: "timeout"),
        FaultCase(path: "/retry-after/429/1", error: "http", status: 429),
        FaultCase(path: "/retry-after/503/1?form=date", error: "http", status: 503),
        FaultCase(
            path: "/redirect-to?url=file%3A%2F%2F%2Fetc%2Fpasswd", error: "unsupported-scheme",
            message: "redirect to file:///etc/passwd refused: only http and https are fetched"),
    ]

    /// `-m` ends the one fault that needs it (no-answer); every other ends by itself.
    static let faultOptions = ["-L", "-m", "2", "--max-filesize", "100000", "--compressed", "-j", "8"]
}

/// Text that means the process crashed rather than reported.
let crashTexts = ["Fatal error", "SIGILL", "Illegal instruction", "Segmentation", "Trace/breakpoint"]

@Suite("Response faults: one honest record each, under every strategy")
struct ResponseFaultTests {
    @Test("every fault endpoint in one list → its class, exit 1, bounded", arguments: CFetchBinary.strategies)
    func everyFault(strategy: String) async throws {
        try await withServer { server in
            let urls = FaultCase.all.map { server.url($0.path) }
            let result = try await CFetchBinary.run(
                ["--strategy", strategy] + FaultCase.faultOptions,
                stdin: .text(urls.joined(separator: "\n") + "\n"),
                timeout: .seconds(40))
            #expect(result.exited(1), "\(result)")
            #expect(result.elapsed < .seconds(15), "the run took \(result.elapsed)")
            for text in crashTexts { #expect(!result.stderrText.contains(text), "\(result)") }
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.count == urls.count, "\(result)")
            expectIndexesCover(records, count: urls.count)
            for record in records {
                expectWellFormed(record, strategy: strategy, workers: 8)
                guard let index = record.index, FaultCase.all.indices.contains(index) else { continue }
                let fault = FaultCase.all[index]
                #expect(record.error == fault.error, "\(fault.path): \(record)")
                #expect(record.ok == (fault.error == nil), "\(fault.path): \(record)")
                if let message = fault.message {
                    #expect(record.message?.contains(message) == true, "\(fault.path): \(record)")
                }
                if let status = fault.status { #expect(record.status == status, "\(fault.path): \(record)") }
                if fault.noStatus { #expect(record.isNull("status"), "\(fault.path): \(record)") }
                if fault.error == "too-large" {
                    #expect((record.bytes ?? .max) <= 100_000, "nothing over the limit kept: \(record)")
                }
            }
        }
    }

    @Test("a refused redirect reports the last URL fetched, two hops in", arguments: CFetchBinary.strategies)
    func refusedRedirectReportsTheLastURLFetched(strategy: String) async throws {
        try await withServer { server in
            let secondHop = server.url("/redirect-to?url=ftp%3A%2F%2Fexample.com%2Fx")
            let first = server.url(
                "/redirect-to?url=" + secondHop.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            let result = try await CFetchBinary.run(["--strategy", strategy, "-L"], stdin: .text(first + "\n"))
            #expect(result.exited(1), "\(result)")
            let record = try #require(try JSONRecord.parseLines(result.stdoutText).first)
            #expect(record.error == "unsupported-scheme", "\(record)")
            #expect(record.effectiveURL == secondHop, "\(record)")
            #expect(record.message == "redirect to ftp://example.com/x refused: only http and https are fetched")
            #expect(server.requestCount == 2)
        }
    }
}
