import Foundation
import Testing

@testable import FetchKit

@Suite("--skip-done files")
struct DoneFileReaderTests {
    /// Writes `text` to a fresh file and reads it as a done file.
    private func read(
        _ text: String, includingErrors: Bool = false
    ) throws -> (done: DoneSet, warning: String?) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("done-\(UUID().uuidString)").path
        defer { unlink(path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try DoneFileReader.read(paths: [path], includingErrors: includingErrors)
    }

    /// A record as cfetch writes it, every field.
    private func jsonRecord(_ url: String, ok: Bool, error: ErrorClass? = nil, id: String? = nil) -> String {
        let record = FetchRecord(
            index: 0, id: id, url: url, ok: ok, status: ok ? 200 : nil, bytes: 1, worker: 1, strategy: .green,
            attempts: 1, queued: 0, start: 0, elapsed: 0, phases: PhaseTimes(), httpVersion: nil, contentType: nil,
            effectiveURL: nil, error: error, message: error.map { "because\n\($0)" })
        return JSONLinesFormatter().format(record)
    }

    private func csvRecords(_ records: [FetchRecord], fields: [RecordField] = RecordField.ordered) -> String {
        let formatter = CSVFormatter(fields: fields)
        return (formatter.header ?? "") + records.map { formatter.format($0) }.joined()
    }

    private func record(_ url: String, ok: Bool, error: ErrorClass? = nil, id: String? = nil) -> FetchRecord {
        FetchRecord(
            index: 3, id: id, url: url, ok: ok, status: nil, bytes: 0, worker: 2, strategy: .future, attempts: 1,
            queued: 0, start: 0, elapsed: 0, phases: PhaseTimes(), httpVersion: nil, contentType: nil,
            effectiveURL: nil, error: error, message: error == nil ? nil : "a, \"quoted\"\nmessage")
    }

    @Test("jsonl: ok records are done; failed and cancelled ones are not, unless --skip-done-errors (not cancelled)")
    func jsonlOutcomes() throws {
        let text = [
            jsonRecord("http://a/", ok: true), jsonRecord("http://b/", ok: false, error: .http),
            jsonRecord("http://c/", ok: false, error: .cancelled), jsonRecord("http://d/", ok: false, error: .dns),
        ].joined()
        let (done, warning) = try read(text)
        #expect(warning == nil)
        #expect(done.count == 1)
        #expect(done.contains(url: "http://a/", id: nil))
        #expect(!done.contains(url: "http://b/", id: nil) && !done.contains(url: "http://c/", id: nil))
        let (withErrors, _) = try read(text, includingErrors: true)
        #expect(withErrors.count == 3)
        #expect(withErrors.contains(url: "http://b/", id: nil) && withErrors.contains(url: "http://d/", id: nil))
        #expect(!withErrors.contains(url: "http://c/", id: nil))
    }

    @Test("jsonl: any field order, hand-written lines, blank lines, and the same URL done twice")
    func jsonlLenient() throws {
        let text = """
            {"ok": true, "url": "http://a/"}

            {"message": null, "id": null, "error": null, "ok": true, "url": "http://a/"}
            {"url":"http://\\u0062/","ok":true,"extra":[1,{"x":2}]}
            """
        let (done, warning) = try read(text)
        #expect(warning == nil)
        #expect(done.count == 2)
        #expect(done.contains(url: "http://a/", id: nil) && done.contains(url: "http://b/", id: nil))
    }

    @Test("ids: a line matches a record with its URL and id; ids compare by their text")
    func ids() throws {
        let text = [
            jsonRecord("http://a/", ok: true, id: #""x1""#), jsonRecord("http://a/", ok: true, id: "7"),
            jsonRecord("http://b/", ok: true, id: #""7""#),
        ].joined()
        let (done, _) = try read(text)
        #expect(done.contains(url: "http://a/", id: #""x1""#))
        #expect(done.contains(url: "http://a/", id: "7") && done.contains(url: "http://a/", id: #""7""#))
        #expect(done.contains(url: "http://b/", id: "7"))
        #expect(!done.contains(url: "http://a/", id: nil))
        #expect(!done.contains(url: "http://a/", id: #""x2""#))
        #expect(!done.contains(url: "http://c/", id: #""x1""#))
    }

    @Test("a URL with a password matches its redacted record")
    func redactedURL() throws {
        let (done, _) = try read(jsonRecord(CredentialRedaction.redact("http://u:secret@a/"), ok: true))
        #expect(done.contains(url: "http://u:secret@a/", id: nil))
        #expect(done.contains(url: "http://u:other@a/", id: nil))
        #expect(!done.contains(url: "http://v:secret@a/", id: nil))
    }

    @Test("a truncated last line and other lines that are not records are counted in one warning")
    func truncated() throws {
        let whole = jsonRecord("http://a/", ok: true)
        let cut = String(jsonRecord("http://b/", ok: true).prefix(40))
        let (done, warning) = try read(whole + "not json\n" + "{\"url\":\"http://x/\"}\n" + whole + cut)
        #expect(done.count == 1 && !done.contains(url: "http://b/", id: nil))
        #expect(warning?.contains("3 lines that are not records were ignored") == true, "\(warning ?? "")")
        let (_, one) = try read(whole + cut)
        #expect(one?.hasPrefix("--skip-done: 1 line that is not a record was ignored (") == true, "\(one ?? "")")
    }

    @Test("csv: any columns with url and ok, quoted multi-line messages, repeated headers, a cut last row")
    func csv() throws {
        let first = csvRecords([
            record("http://a/", ok: true, id: #""k""#), record("http://b/", ok: false, error: .timeout),
            record("http://c,d/", ok: false, error: .cancelled),
        ])
        let second = csvRecords(
            [record("http://e/", ok: true, id: "5"), record("http://f/", ok: false, error: .http)],
            fields: [.message, .ok, .id, .url, .error])
        let cut = String(
            CSVFormatter(fields: [.message, .ok, .id, .url, .error]).format(
                record("http://g/", ok: false, error: .http)
            ).prefix(15))
        let (done, warning) = try read(first + second + cut)
        #expect(done.contains(url: "http://a/", id: #""k""#) && done.contains(url: "http://e/", id: "5"))
        #expect(done.count == 2)
        #expect(warning?.contains("1 line that is not a record") == true, "\(warning ?? "")")
        let (withErrors, _) = try read(first + second, includingErrors: true)
        #expect(withErrors.count == 4)
        #expect(withErrors.contains(url: "http://b/", id: nil) && withErrors.contains(url: "http://f/", id: nil))
        #expect(!withErrors.contains(url: "http://c,d/", id: nil))
    }

    @Test("an empty file has nothing done")
    func empty() throws {
        let (done, warning) = try read("")
        #expect(done.count == 0 && warning == nil && !done.contains(url: "http://a/", id: nil))
    }

    @Test(
        "a file that is not a cfetch output is a usage error",
        arguments: [
            "http://a/\nhttp://b/\n", #"{"url":"http://a/","id":1}"# + "\n", "a,b\n1,2\n", "url,status\nx,200\n",
        ])
    func notAnOutput(text: String) throws {
        #expect(throws: UsageError.self) { try read(text) }
    }

    @Test("a file that cannot be read is an InputError naming it")
    func unreadable() throws {
        let error = try #require(
            throws: InputError.self,
            performing: { try DoneFileReader.read(paths: ["/nonexistent/done.jsonl"], includingErrors: false) })
        #expect(error.description == "cannot read /nonexistent/done.jsonl: No such file or directory")
    }

    @Test("a million done URLs: about 9 bytes each, and every one found")
    func memory() throws {
        let count = 1_000_000
        // As the reader hands them over: an array of exactly the digests read, repeats included.
        var digests: [UInt64] = []
        digests.reserveCapacity(count + 1000)
        for page in 0..<count { digests.append(DoneSet.digest(url: "https://example.org/page/\(page)", idText: nil)) }
        digests.append(contentsOf: digests.prefix(1000))
        let done = DoneSet(digests: consume digests, sources: ["x"])
        #expect(done.count == count)
        #expect(done.storageBytes < count * 10, "\(done.storageBytes) bytes")
        #expect((0..<count).allSatisfy { done.contains(url: "https://example.org/page/\($0)", id: nil) })
        #expect(!(0..<1000).contains { done.contains(url: "https://example.org/other/\($0)", id: nil) })
    }
}
