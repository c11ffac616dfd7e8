import Testing

@testable import FetchKit

@Suite("JSONL input lines")
struct JSONRequestLineTests {
    private func parse(_ line: String) -> Result<JSONRequestLine, JSONRequestLine.Refusal> {
        JSONRequestLine.parse(Array(line.utf8)[...])
    }

    private func refusal(_ line: String) -> JSONRequestLine.Refusal? {
        guard case .failure(let refusal) = parse(line) else { return nil }
        return refusal
    }

    @Test("a line with only a url asks for nothing more")
    func urlOnly() throws {
        let line = try parse(#"{"url":"http://a.example/x"}"#).get()
        #expect(line.url == "http://a.example/x")
        #expect(line.request == nil)
    }

    @Test("every field is read; unknown keys (nested too) are ignored; a repeated key's last value counts")
    func everyField() throws {
        let text = #"""
             { "note": {"deep": [1, {"x": [true, null, -0.5e+3]}]}, "url" : "http://a.example/\u00e9",
              "method": "POST", "headers": {"X-A": "b c", "Empty": "", "Accept": "*/*"},
              "body": "line\n\"two\"", "id": "first", "id": "a\u0031" }
            """#
        let line = try parse(text).get()
        #expect(line.url == "http://a.example/é")
        let request = try #require(line.request)
        #expect(request.method == "POST")
        #expect(request.headers == ["X-A: b c", "Empty;", "Accept: */*"])
        #expect(request.body == Array("line\n\"two\"".utf8))
        #expect(request.id == #""a1""#)
    }

    @Test("a surrogate pair decodes to its one character")
    func surrogatePair() throws {
        let line = try parse(#"{"url":"http://a/","body":"\ud83d\ude00!"}"#).get()
        #expect(line.request?.body == Array("😀!".utf8))
    }

    @Test(
        "an id is kept as JSON text: a number as given, a string quoted as records quote it",
        arguments: [
            (#"7"#, "7"), (#"-1.5e3"#, "-1.5e3"), (#""a1""#, #""a1""#), (#""\u0041\/""#, #""A/""#),
            (#""tab\there""#, #""tab\there""#), (#""""#, #""""#),
        ])
    func ids(given: String, kept: String) throws {
        let line = try parse(#"{"url":"http://a.example/","id":\#(given)}"#).get()
        #expect(line.request?.id == kept)
        #expect(line.request?.method == nil && line.request?.headers == [] && line.request?.body == nil)
    }

    @Test(
        "lines that are not JSON say so",
        arguments: [
            "not json", "{", "}", #"{"url":"http://a/"} x"#, #"{"url":"http://a/",}"#, #"{'url':'http://a/'}"#,
            #"{"url" "http://a/"}"#, #"{"url":}"#, "{,}", #"{"url":"http://a/"}}"#, #"{"url":"unterminated}"#,
            #"{"url":"http://a/\x"}"#, #"{"url":"http://a/\u12"}"#, "{\"url\":\"a\u{01}b\"}", #"{"n":01,"url":"u"}"#,
            #"{"n":1.,"url":"u"}"#, #"{"n":.5,"url":"u"}"#, #"{"n":-,"url":"u"}"#, #"{"n":1e,"url":"u"}"#,
            #"{"n":tru,"url":"u"}"#, #"{"n":nul,"url":"u"}"#, #"{"n":[1,],"url":"u"}"#, #"{"n":{"a"},"url":"u"}"#,
            #"{"n":[1 2],"url":"u"}"#, #"{"n":[[[],"url":"u"}"#, #"{"url":"u"} {"url":"v"}"#,
        ])
    func notJSON(line: String) {
        #expect(refusal(line)?.message == "line is not valid JSON")
    }

    @Test(
        "JSON that is not an object says so",
        arguments: [#"["http://a/"]"#, #""http://a/""#, "42", "true", "null", "[]"])
    func notObject(line: String) {
        #expect(refusal(line)?.message == "line is not a JSON object")
    }

    @Test(
        "a missing url or a field of the wrong type is named",
        arguments: [
            (#"{}"#, #"line has no "url""#),
            (#"{"id":"x","method":"GET"}"#, #"line has no "url""#),
            (#"{"url":5}"#, #""url" must be a string"#),
            (#"{"url":null}"#, #""url" must be a string"#),
            (#"{"url":"http://a/\ud800"}"#, #""url" is not valid Unicode text"#),
            (#"{"url":"http://a/\udc00\ud800"}"#, #""url" is not valid Unicode text"#),
            (#"{"url":"http://a/","body":"\ud83d"}"#, #""body" is not valid Unicode text"#),
            (#"{"url":"http://a/","method":1}"#, #""method" must be a string"#),
            (#"{"url":"http://a/","method":"GE T"}"#, #""method" is not an HTTP method name"#),
            (#"{"url":"http://a/","method":""}"#, #""method" is not an HTTP method name"#),
            (#"{"url":"http://a/","headers":["X: y"]}"#, #""headers" must be an object of strings"#),
            (#"{"url":"http://a/","headers":"X: y"}"#, #""headers" must be an object of strings"#),
            (#"{"url":"http://a/","headers":{"X":1}}"#, #""headers" must be an object of strings"#),
            (#"{"url":"http://a/","headers":{"X":null}}"#, #""headers" must be an object of strings"#),
            (#"{"url":"http://a/","headers":{"X Y":"z"}}"#, #""headers": "X Y" is not a header name"#),
            (#"{"url":"http://a/","headers":{"":"z"}}"#, #""headers": "" is not a header name"#),
            (
                #"{"url":"http://a/","headers":{"X":"a\r\nEvil: 1"}}"#,
                #""headers": the value of "X" has a line break or NUL"#
            ),
            (#"{"url":"http://a/","body":{"a":1}}"#, #""body" must be a string"#),
            (#"{"url":"http://a/","body":42}"#, #""body" must be a string"#),
            (#"{"url":"http://a/","id":true}"#, #""id" must be a string or a number"#),
            (#"{"url":"http://a/","id":{"a":1}}"#, #""id" must be a string or a number"#),
            (#"{"url":"http://a/","id":null}"#, #""id" must be a string or a number"#),
        ])
    func wrongField(line: String, message: String) {
        #expect(refusal(line)?.message == message)
    }

    @Test("a refused line keeps the url and id it has, for its record")
    func refusalKeepsURLAndID() {
        let refused = refusal(#"{"url":"http://a/","id":9,"body":1}"#)
        #expect(refused == JSONRequestLine.Refusal(message: #""body" must be a string"#, url: "http://a/", id: "9"))
        #expect(refusal(#"{"id":"k"}"#)?.id == #""k""#)
        #expect(refusal(#"{"id":"k"}"#)?.url == nil)
    }

    @Test("64 KB of nesting in an ignored key is checked without recursion")
    func deepNesting() throws {
        let depth = 32 * 1024
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try parse(#"{"x":\#(nested),"url":"http://a/"}"#).get().url == "http://a/")
        #expect(refusal(#"{"x":\#(nested.dropLast()),"url":"http://a/"}"#)?.message == "line is not valid JSON")
    }

    @Test("the line parser numbers JSONL lines as URL lines, and gives refused ones an invalid-url job")
    func parserJobs() throws {
        var parser = URLLineParser()
        parser.format = .jsonl
        let lines = [
            #"{"url":"http://a.example/","id":"a"}"#, "", "# comment", #"{"url":"ftp://b.example/"}"#, "nope",
            #"{"url":"http://c.example/\u0000x"}"#, #"{"url":"http://d.example/","id":3,"method":"GET","x":1}"#,
        ]
        let jobs = lines.compactMap { parser.job(for: Array($0.utf8)) }
        #expect(jobs.map(\.index) == [0, 1, 2, 3, 4])
        #expect(jobs[0].problem == nil && jobs[0].lineRequest?.id == #""a""#)
        #expect(jobs[1].problem?.errorClass == .unsupportedScheme && jobs[1].lineRequest == nil)
        #expect(jobs[2].problem == URLProblem(errorClass: .invalidURL, message: "line is not valid JSON"))
        #expect(jobs[2].url == "nope")
        #expect(jobs[3].problem?.message == #""url" contains control characters"#)
        #expect(jobs[4].problem == nil && jobs[4].lineRequest?.method == "GET" && jobs[4].lineRequest?.id == "3")
    }
}
