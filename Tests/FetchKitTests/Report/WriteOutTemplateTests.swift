import Foundation
import Testing

@testable import FetchKit

@Suite("-w templates")
struct WriteOutTemplateTests {
    private var record: FetchRecord {
        var record = FetchRecord(
            index: 7, url: "http://h/a", ok: false, status: 404, bytes: 12, worker: 2,
            strategy: .green, attempts: 1, queued: 0.25, start: 1.5, elapsed: 0.0123456,
            phases: PhaseTimes(), httpVersion: "1.1", contentType: "text/plain", effectiveURL: "http://h/b",
            error: .http, message: "HTTP status 404")
        record.phases.total = 1.5
        record.redirects = 3
        return record
    }

    private func written(_ template: String, _ record: FetchRecord) throws -> (out: String, err: String) {
        let formatter = WriteOutFormatter(template: try WriteOutTemplate(template))
        var out: [UInt8] = []
        var err: [UInt8] = []
        formatter.format(record, into: &out, errorOutput: &err)
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test("curl's variables, escapes and %% as curl writes them")
    func curlVariables() throws {
        let template =
            "%{http_code} %{urlnum} %{size_download} %{num_redirects} %{url_effective} %{content_type} "
            + "%{time_total} %{exitcode} %{errormsg}%%\\t\\\\\\n"
        #expect(
            try written(template, record).out == "404 7 12 3 http://h/b text/plain 1.500000 22 HTTP status 404%\t\\\n")
    }

    @Test("names compare without case; literal runs are merged into one part")
    func parts() throws {
        let parsed = try WriteOutTemplate("a%{HTTP_Code}b\\nc")
        #expect(parsed.parts == [.literal(Array("a".utf8)), .curl(.httpCode), .literal(Array("b\nc".utf8))])
    }

    @Test("no response: http_code 000, nothing for a missing content type, the URL as url_effective")
    func noResponse() throws {
        var failed = record
        failed.status = nil
        failed.contentType = nil
        failed.effectiveURL = nil
        failed.error = .connect
        failed.curlCode = 7
        failed.message = "Couldn't connect"
        #expect(
            try written("%{http_code}|%{content_type}|%{url_effective}|%{exitcode}", failed).out == "000||http://h/a|7")
    }

    @Test("cfetch's variables are the record's fields; null is nothing")
    func recordFields() throws {
        #expect(
            try written("%{worker} %{strategy} %{queued} %{error} %{path}.", record).out == "2 green 0.250000 http .")
    }

    @Test("%{json} is the JSONL object without its newline")
    func json() throws {
        let line = JSONLinesFormatter().format(record)
        #expect(try written("%{json}", record).out == String(line.dropLast()))
    }

    @Test("%{onerror} ends an ok record's output; %{stderr} and %{stdout} switch streams")
    func onErrorAndStreams() throws {
        var ok = record
        ok.ok = true
        ok.error = nil
        #expect(try written("a%{onerror}b", ok).out == "a")
        #expect(try written("a%{onerror}b", record).out == "ab")
        let split = try written("1%{stderr}2%{stdout}3", record)
        #expect(split.out == "13")
        #expect(split.err == "2")
    }

    @Test("an unknown %-letter and an unknown escape are written as they stand, as curl does")
    func unknownLetters() throws {
        #expect(try written("%q\\x%", record).out == "%q\\x%")
    }

    @Test(
        "an unknown variable, a %{ without }, %header{…}: usage errors naming what is wrong",
        arguments: [
            ("%{nope}", "unknown variable '%{nope}'; the variables are url, urlnum"),
            ("a %{url", "'%{' without its closing '}'"),
            ("%header{x}", "%header{…} is not supported"),
        ])
    func errors(template: String, message: String) {
        #expect {
            try WriteOutTemplate(template)
        } throws: { error in
            "\(error)".hasPrefix("-w/--write-out: ") && "\(error)".contains(message)
        }
    }

    @Test("exit codes: curl's own code, else the code curl gives for the class")
    func exitCodes() {
        var failed = record
        #expect(CurlExitCode.of(failed) == 22)
        failed.error = .tooLarge
        failed.curlCode = 23
        #expect(CurlExitCode.of(failed) == 63)
        failed.error = .protocolError
        failed.curlCode = 56
        #expect(CurlExitCode.of(failed) == 56)
        failed.curlCode = 0
        #expect(CurlExitCode.of(failed) == 8)
        failed.error = .cancelled
        #expect(CurlExitCode.of(failed) == 42)
        failed.error = .invalidURL
        #expect(CurlExitCode.of(failed) == 3)
        failed.ok = true
        failed.error = nil
        #expect(CurlExitCode.of(failed) == 0)
    }
}
