import Foundation
import Testing

@testable import FetchKit

@Suite("Record formats")
struct FormatterTests {
    private var record: FetchRecord {
        FetchRecord(
            index: 3, url: "http://h/a,\"b\"", ok: false, status: 404, bytes: 12, worker: 2,
            strategy: .callback, attempts: 1, queued: 0.25, start: 1.5, elapsed: 0.0123456,
            phases: PhaseTimes(), httpVersion: "1.1", contentType: nil, effectiveURL: "http://h/",
            error: .http, message: "line\nbreak \u{1}")
    }

    @Test("jsonl: one object per line, DESIGN's keys in order, valid JSON")
    func jsonl() throws {
        let line = JSONLinesFormatter().format(record)
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let keys = RecordField.keys.map { "\"\($0)\":" }
        var position = line.startIndex
        for key in keys {
            let found = try #require(line.range(of: key, range: position..<line.endIndex), "key \(key)")
            position = found.upperBound
        }
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object.count == RecordField.keys.count)
        #expect(object["content_type"] is NSNull)
        #expect(object["message"] as? String == "line\nbreak \u{1}")
        #expect(object["url"] as? String == "http://h/a,\"b\"")
        #expect(line.contains("\"elapsed\":0.012346"))
    }

    @Test("csv: header, quoting, CRLF, empty for null")
    func csv() {
        let formatter = CSVFormatter()
        #expect(formatter.header == RecordField.keys.joined(separator: ",") + "\r\n")
        let row = formatter.format(record)
        #expect(row.hasPrefix("3,,\"http://h/a,\"\"b\"\"\",false,404,12,2,callback,1,"))
        #expect(row.contains(",1.1,,http://h/,,http,\"line\nbreak \u{1}\",,\r\n"), "queue_id and consumer: empty")
    }

    @Test("text: a readable event line")
    func text() {
        var ok = record
        ok.ok = true
        ok.status = 200
        ok.error = nil
        ok.bytes = 12_400
        ok.elapsed = 0.21
        #expect(TextFormatter().format(ok) == "task 2 got http://h/a,\"b\" 200 12.4 KB in 0.21 s\n")
        #expect(TextFormatter().format(record).hasPrefix("task 2 failed http://h/a,\"b\" http 404 in 0.01 s"))
    }

    @Test("an id: as given in jsonl, as its text in csv and the text view, null when there is none")
    func id() throws {
        var withID = record
        withID.id = #""a,\"1\"""#
        #expect(JSONLinesFormatter().format(withID).hasPrefix(#"{"index":3,"id":"a,\"1\"","url":"#))
        #expect(CSVFormatter().format(withID).hasPrefix(#"3,"a,""1""","http"#))
        #expect(TextFormatter().format(withID).hasPrefix(#"task 2 failed http://h/a,"b" [id a,"1"] http 404"#))
        withID.id = "-7.5"
        #expect(JSONLinesFormatter().format(withID).hasPrefix(#"{"index":3,"id":-7.5,"url":"#))
        #expect(CSVFormatter().format(withID).hasPrefix(#"3,-7.5,"http"#))
        #expect(JSONLinesFormatter().format(record).hasPrefix(#"{"index":3,"id":null,"url":"#))
        #expect(!TextFormatter().format(record).contains("[id"))
    }

    @Test("text: control characters in the URL and the message are shown escaped, never sent raw")
    func textEscapesControls() {
        var hostile = record
        hostile.url = "http://h/\u{1B}[2J\u{7F}\u{9B}31m"
        hostile.error = .invalidURL
        hostile.status = nil
        hostile.message = "bad\u{7}line\r\n"
        let line = TextFormatter().format(hostile)
        #expect(
            line == "task 2 failed http://h/\\u001b[2J\\u007f\\u009b31m "
                + "invalid-url (bad\\u0007line\\u000d\\u000a) in 0.01 s\n")
        // Only the line's own end is a control character.
        #expect(line.unicodeScalars.dropLast().allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
    }

    @Test(
        "credentials are redacted",
        arguments: [
            ("https://user:secret@host/p", "https://user:***@host/p"),
            ("http://user@host/", "http://user@host/"),
            ("http://host/a:b@c", "http://host/a:b@c"),
            ("http://u:p:q@host:80/", "http://u:***@host:80/"),
        ])
    func redaction(input: String, expected: String) {
        #expect(CredentialRedaction.redact(input) == expected)
    }

    @Test("byte counts read like curl's")
    func bytes() {
        #expect(ByteCount.format(999) == "999 B")
        #expect(ByteCount.format(12_400) == "12.4 KB")
        #expect(ByteCount.format(3_100_000) == "3.1 MB")
    }
}
