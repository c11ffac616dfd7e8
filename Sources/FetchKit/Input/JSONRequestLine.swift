/// One line of `--input-format jsonl`, read: `{"url": …, "method": …, "headers": {…},
/// "body": …, "id": …}`, where only `url` is required and other keys are ignored (a line
/// may carry the user's own data along).
struct JSONRequestLine {
    var url: String
    /// What the line asks for beyond its URL; nil when it gives nothing else.
    var request: LineRequest?

    /// Why a line is refused, for its record's message; with the URL and id when the line
    /// has them, so the error record still says which line it was.
    struct Refusal: Error, Equatable {
        var message: String
        var url: String?
        var id: String?
    }

    /// The line (trimmed, not blank, not a comment) read, or why it cannot be.
    static func parse(_ line: ArraySlice<UInt8>) -> Result<JSONRequestLine, Refusal> {
        line.withUnsafeBufferPointer { bytes in parse(bytes) }
    }

    /// The tokens of the keys it reads; the last of a repeated key counts.
    private struct Members {
        var url, method, headers, body, id: JSONToken?
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONRequestLine, Refusal> {
        var members = Members()
        do {
            try JSONScanner.members(of: bytes) { key, value in
                if JSONScanner.key(key, in: bytes, is: "url") {
                    members.url = value
                } else if JSONScanner.key(key, in: bytes, is: "method") {
                    members.method = value
                } else if JSONScanner.key(key, in: bytes, is: "headers") {
                    members.headers = value
                } else if JSONScanner.key(key, in: bytes, is: "body") {
                    members.body = value
                } else if JSONScanner.key(key, in: bytes, is: "id") {
                    members.id = value
                }
            }
        } catch {
            return .failure(
                Refusal(message: error == .notObject ? "line is not a JSON object" : "line is not valid JSON"))
        }
        var refusal = Refusal(message: "")
        func refused(_ message: String) -> Result<JSONRequestLine, Refusal> {
            refusal.message = message
            return .failure(refusal)
        }
        // The id and URL first, so a refusal for another field still carries them.
        var id: String?
        if let token = members.id {
            guard let text = idText(token, in: bytes) else { return refused(#""id" must be a string or a number"#) }
            id = text
            refusal.id = text
        }
        guard let urlToken = members.url else { return refused(#"line has no "url""#) }
        guard let url = string(urlToken, in: bytes) else { return refused(notText(urlToken, key: "url")) }
        refusal.url = url
        var method: String?
        if let token = members.method {
            guard let text = string(token, in: bytes) else { return refused(notText(token, key: "method")) }
            guard isToken(text) else { return refused(#""method" is not an HTTP method name"#) }
            method = text
        }
        var headers: [String] = []
        if let token = members.headers {
            switch Self.headers(token, in: bytes) {
            case .success(let lines): headers = lines
            case .failure(let failure): return refused(failure.message)
            }
        }
        var body: [UInt8]?
        if let token = members.body {
            guard let text = string(token, in: bytes) else { return refused(notText(token, key: "body")) }
            body = Array(text.utf8)
        }
        let asksMore = id != nil || method != nil || members.headers != nil || body != nil
        return .success(
            JSONRequestLine(
                url: url, request: asksMore ? LineRequest(id: id, method: method, headers: headers, body: body) : nil))
    }

    /// Why `string(token, in:)` gave nil for `key`'s value.
    private static func notText(_ token: JSONToken, key: String) -> String {
        token.kind == .string ? #""\#(key)" is not valid Unicode text"# : #""\#(key)" must be a string"#
    }

    /// A string value's text; nil for another kind, or text that is not valid Unicode.
    private static func string(_ token: JSONToken, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        token.kind == .string ? JSONScanner.string(token, in: bytes) : nil
    }

    /// The id as JSON text, as the record writes it: a number as given, a string quoted
    /// the way cfetch quotes strings (so `"\u0061"` and `"a"` are one id).
    private static func idText(_ token: JSONToken, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        switch token.kind {
        case .number: return String(decoding: UnsafeBufferPointer(rebasing: bytes[token.range]), as: UTF8.self)
        case .string:
            // Text that is not valid Unicode has no text to compare or write.
            guard let text = JSONScanner.string(token, in: bytes) else { return nil }
            var quoted: [UInt8] = []
            JSONLinesFormatter.appendQuoted(text, to: &quoted)
            return String(decoding: quoted, as: UTF8.self)
        default: return nil
        }
    }

    private struct HeaderProblem: Error {
        var message: String
    }

    /// `{"Name": "value", …}` as curl's `-H` lines: `Name: value`, or `Name;` for an empty
    /// value (curl's way to send a header with no value; `Name:` would remove it).
    private static func headers(
        _ token: JSONToken, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Result<[String], HeaderProblem> {
        let notStrings = HeaderProblem(message: #""headers" must be an object of strings"#)
        guard token.kind == .object else { return .failure(notStrings) }
        var lines: [String] = []
        var problem: HeaderProblem?
        // The line was checked whole: the object inside it is valid JSON.
        try? JSONScanner.members(of: bytes, in: token.range) { key, value in
            guard problem == nil else { return }
            guard let name = string(key, in: bytes), let text = string(value, in: bytes) else {
                problem = notStrings
                return
            }
            guard isToken(name) else {
                problem = HeaderProblem(message: #""headers": "\#(name)" is not a header name"#)
                return
            }
            // A line break would end the header and start another the line never asked for.
            guard !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x00 }) else {
                problem = HeaderProblem(message: #""headers": the value of "\#(name)" has a line break or NUL"#)
                return
            }
            lines.append(text.isEmpty ? "\(name);" : "\(name): \(text)")
        }
        if let problem { return .failure(problem) }
        return .success(lines)
    }

    /// An RFC 9110 token (a method or a header name): letters, digits and `!#$%&'*+-.^_`|~`.
    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default: return tokenSymbols.contains(byte)
                }
            }
    }

    private static let tokenSymbols: [UInt8] = Array("!#$%&'*+-.^_`|~".utf8)
}
