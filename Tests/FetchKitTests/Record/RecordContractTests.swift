import Foundation
import Testing

@testable import FetchKit

@Suite("Record contract")
struct RecordContractTests {
    /// A record with every field set to something other than its default.
    private var full: FetchRecord {
        var phases = PhaseTimes()
        phases.dns = 0.001
        phases.connect = 0.002
        phases.tls = 0.003
        phases.ttfb = 0.004
        phases.total = 0.005
        var record = FetchRecord(
            index: 41, id: #""k-\"41\"""#, url: "https://u:***@h.test/a?b=\"c\"", ok: false, status: 503, bytes: 1234,
            worker: 7,
            strategy: .green, attempts: 3, queued: 0.25, hostWait: 0.125, start: 1.5, elapsed: 2.126, phases: phases,
            httpVersion: "2", contentType: "text/html; charset=utf-8", effectiveURL: "https://h.test/z",
            path: "out/000041-h.test_a", error: .http, message: "HTTP status 503\nwith a line break")
        record.queueID = "1733212800000-7"
        record.consumer = "host-42"
        return record
    }

    @Test("the keys, in the order users script against (README, Records)")
    func keys() {
        #expect(
            RecordField.keys == [
                "index", "id", "url", "ok", "status", "bytes", "worker", "strategy", "attempts", "queued", "host_wait",
                "start", "elapsed", "dns", "connect", "tls", "ttfb", "total", "http_version", "content_type",
                "effective_url", "path", "error", "message", "queue_id", "consumer",
            ])
        #expect(Set(RecordField.keys).count == RecordField.allCases.count)
    }

    @Test("a jsonl line reads back as the record it was written from")
    func roundTrip() throws {
        let line = JSONLinesFormatter().format(full)
        let parsed = try #require(FetchRecord(jsonLine: Array(line.utf8)))
        #expect(parsed == full)
        var succeeded = full
        succeeded.ok = true
        succeeded.status = 200
        succeeded.error = nil
        succeeded.message = nil
        succeeded.httpVersion = nil
        let parsedOK = try #require(FetchRecord(jsonLine: Array(JSONLinesFormatter().format(succeeded).utf8)))
        #expect(parsedOK == succeeded)
    }

    @Test("every field is written by both flat formats, in table order")
    func flatFormats() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONLinesFormatter().format(full).utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(RecordField.keys))
        #expect(CSVFormatter().header == RecordField.keys.joined(separator: ",") + "\r\n")
        let row = CSVFormatter().format(full)
        #expect(
            row.hasPrefix(
                "41,\"k-\"\"41\"\"\",\"https://u:***@h.test/a?b=\"\"c\"\"\",false,503,1234,7,green,3,0.250000,0.125000,1.500000,2.126000,"
            ))
        #expect(
            row.hasSuffix(
                ",2,text/html; charset=utf-8,https://h.test/z,out/000041-h.test_a,http,\"HTTP status 503\nwith a line break\","
                    + "1733212800000-7,host-42\r\n"
            ))
    }

    @Test(
        "lines that are not records are refused",
        arguments: [
            "", "not json", "[1,2]", #"{"url":"u","ok":true,"bytes":1,"worker":1,"strategy":"green"}"#,
            #"{"index":1,"url":"u","ok":true,"bytes":1,"worker":1,"strategy":"telepathy"}"#,
            #"{"index":"1","url":"u","ok":true,"bytes":1,"worker":1,"strategy":"green"}"#,
        ])
    func refused(line: String) {
        #expect(FetchRecord(jsonLine: Array(line.utf8)) == nil)
    }

    @Test("an id reads back as the JSON text it was written as, a number too")
    func idRoundTrip() throws {
        for id in [#""a1""#, #""""#, "7", "-3", "2.5", nil] {
            var record = full
            record.id = id
            #expect(try #require(FetchRecord(jsonLine: Array(JSONLinesFormatter().format(record).utf8))).id == id)
        }
        let other = #"{"index":2,"id":[1],"url":"u","ok":true,"bytes":0,"worker":1,"strategy":"blocking"}"#
        #expect(try #require(FetchRecord(jsonLine: Array(other.utf8))).id == nil)
        let truth = #"{"index":2,"id":true,"url":"u","ok":true,"bytes":0,"worker":1,"strategy":"blocking"}"#
        #expect(try #require(FetchRecord(jsonLine: Array(truth.utf8))).id == nil)
    }

    @Test("read as JSONSerialization read it: whole numbers in any notation, escaped keys, the last of a repeated key")
    func readsLikeJSONSerialization() throws {
        let line =
            #"{"index":7.0,"u\u0072l":"a","url":"b\n\u00e9","ok":true,"bytes":1e3,"worker":1,"strategy":"green","#
            + #""elapsed":25e-2,"status":null,"newer":{"x":[1,{"y":null}]},"attempts":2}"#
        let record = try #require(FetchRecord(jsonLine: Array(line.utf8)))
        #expect(record.index == 7)
        #expect(record.url == "b\n\u{e9}")
        #expect(record.bytes == 1000)
        #expect(record.elapsed == 0.25)
        #expect(record.status == nil)
        #expect(record.attempts == 2)
        #expect(record.strategy == .green)
    }

    @Test(
        "a line that is not one JSON object, or whose count is not whole, is refused",
        arguments: [
            #"{"index":1.5,"url":"u","ok":true,"bytes":1,"worker":1,"strategy":"green"}"#,
            #"{"index":1,"url":"u","ok":true,"bytes":1,"worker":1,"strategy":"green"} x"#,
            #"{"index":1,"url":"u","ok":true,"bytes":1,"worker":1,"strategy":"green""#,
            #"{"index":1,"url":"\ud800","ok":true,"bytes":1,"worker":1,"strategy":"green"}"#,
        ])
    func refusedAsJSON(line: String) {
        #expect(FetchRecord(jsonLine: Array(line.utf8)) == nil)
    }

    @Test("optional fields may be missing; a failure without a class is 'other'")
    func lenient() throws {
        let line =
            #"{"index":2,"url":"u","ok":false,"bytes":0,"worker":1,"strategy":"blocking","error":"from-the-future"}"#
        let record = try #require(FetchRecord(jsonLine: Array(line.utf8)))
        #expect(record.attempts == 1 && record.status == nil && record.elapsed == 0 && record.message == nil)
        #expect(record.error == .other)
    }

    @Test("the text view words fields for people")
    func text() {
        var record = full
        #expect(RecordField.bytes.text(in: record) == "1.2 KB")
        #expect(RecordField.elapsed.text(in: record) == "2.13 s")
        record.status = nil
        record.url = ""
        #expect(RecordField.status.text(in: record) == "-")
        #expect(RecordField.url.text(in: record) == "(empty)")
    }
}

/// Which failed records queue mode hands to another delivery: what `--retry` retries.
@Suite("Transient failures")
struct TransientFailureTests {
    private func record(error: ErrorClass?, status: Int?, curlCode: Int) -> FetchRecord {
        var record = FetchRecord(
            index: 0, url: "http://a.test/", ok: error == nil, status: status, bytes: 0, worker: 1,
            strategy: .callback, attempts: 1, queued: 0, start: 0, elapsed: 0, phases: PhaseTimes(),
            httpVersion: nil, contentType: nil, effectiveURL: nil, error: error, message: nil)
        record.curlCode = curlCode
        return record
    }

    @Test("resets, timeouts, refused connections, 429 and 503 are transient; a 404, a bad line, a cancel are not")
    func transientClasses() {
        #expect(record(error: .reset, status: nil, curlCode: 56).isTransientFailure)
        #expect(record(error: .timeout, status: nil, curlCode: 28).isTransientFailure)
        #expect(record(error: .connect, status: nil, curlCode: 7).isTransientFailure)
        #expect(record(error: .http, status: 503, curlCode: 0).isTransientFailure)
        #expect(record(error: .http, status: 429, curlCode: 0).isTransientFailure)
        #expect(!record(error: .http, status: 404, curlCode: 0).isTransientFailure)
        #expect(!record(error: .invalidURL, status: nil, curlCode: 0).isTransientFailure)
        #expect(!record(error: .cancelled, status: nil, curlCode: 42).isTransientFailure)
        #expect(!record(error: .poisoned, status: nil, curlCode: 0).isTransientFailure)
        #expect(!record(error: nil, status: 200, curlCode: 0).isTransientFailure)
    }
}
