import Foundation

/// The record keys, in DESIGN.md order ("Records, output, exit codes").
let designKeys = [
    "index", "id", "url", "ok", "status", "bytes", "worker", "strategy", "attempts", "queued", "host_wait", "start",
    "elapsed", "dns", "connect", "tls", "ttfb", "total", "http_version", "content_type",
    "effective_url", "path", "error", "message", "queue_id", "consumer",
]

/// The phase and timing keys, all seconds ≥ 0.
let timeKeys = ["queued", "host_wait", "start", "elapsed", "dns", "connect", "tls", "ttfb", "total"]

/// One JSONL line, parsed twice: by `JSONSerialization` for the values, and by a small
/// scanner over the raw text for the order of the keys and each value's literal text
/// (a dictionary forgets the order, and cannot tell `true` from `1`).
struct JSONRecord: @unchecked Sendable, CustomStringConvertible {  // guarded: immutable after init
    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var reason: String
        var description: String { "not a JSON object line (\(reason)): \(line.debugDescription)" }
    }

    let line: String
    let object: [String: Any]
    /// The top-level keys in the order the line has them.
    let keys: [String]
    /// Each top-level key's value exactly as written (`true`, `null`, `"text"`, `0.000123`).
    let literals: [String: String]

    init(line: String) throws {
        self.line = line
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else {
            throw Malformed(line: line, reason: "JSONSerialization rejects it")
        }
        guard let object = parsed as? [String: Any] else { throw Malformed(line: line, reason: "not an object") }
        self.object = object
        let members = try JSONMemberScanner.members(of: line)
        keys = members.map(\.key)
        literals = Dictionary(members.map { ($0.key, $0.literal) }, uniquingKeysWith: { first, _ in first })
    }

    var description: String { line }

    func isNull(_ key: String) -> Bool { literals[key] == "null" }
    func string(_ key: String) -> String? { object[key] as? String }
    func int(_ key: String) -> Int? {
        guard let literal = literals[key], literal.allSatisfy({ $0.isNumber || $0 == "-" }) else { return nil }
        return Int(literal)
    }
    func double(_ key: String) -> Double? {
        guard let literal = literals[key], literal != "null", !literal.hasPrefix("\"") else { return nil }
        return Double(literal)
    }
    /// A JSON boolean literal (not a number that happens to be 0 or 1).
    func bool(_ key: String) -> Bool? {
        switch literals[key] {
        case "true": true
        case "false": false
        default: nil
        }
    }

    var index: Int? { int("index") }
    var url: String? { string("url") }
    var ok: Bool? { bool("ok") }
    var status: Int? { int("status") }
    var bytes: Int? { int("bytes") }
    var worker: Int? { int("worker") }
    var strategy: String? { string("strategy") }
    var attempts: Int? { int("attempts") }
    var error: String? { string("error") }
    var message: String? { string("message") }
    var effectiveURL: String? { string("effective_url") }
    var path: String? { string("path") }
    var queueID: String? { string("queue_id") }
    var consumer: String? { string("consumer") }

    /// Every line of `text` as a record; throws on the first line that is not one.
    static func parseLines(_ text: String) throws -> [JSONRecord] {
        try ChildProcess.Result.lines(text).map { try JSONRecord(line: $0) }
    }
}

/// Walks the top level of one JSON object in its text and lists its members in order.
enum JSONMemberScanner {
    struct Member {
        var key: String
        var literal: String
    }

    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var offset: Int
        var description: String { "JSON scan: \(reason) at byte \(offset)" }
    }

    static func members(of text: String) throws -> [Member] {
        let bytes = Array(text.utf8)
        var position = 0
        var members: [Member] = []

        func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }
        func expect(_ byte: UInt8) throws {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else {
                throw Failure(reason: "expected \(Character(Unicode.Scalar(byte)))", offset: position)
            }
            position += 1
        }
        /// A string literal starting at `position`; returns its text, quotes included.
        func stringLiteral() throws -> String {
            let start = position
            guard position < bytes.count, bytes[position] == 0x22 else {
                throw Failure(reason: "expected a string", offset: position)
            }
            position += 1
            while position < bytes.count {
                switch bytes[position] {
                case 0x5C: position += 2
                case 0x22:
                    position += 1
                    return String(decoding: bytes[start..<position], as: UTF8.self)
                default: position += 1
                }
            }
            throw Failure(reason: "unterminated string", offset: start)
        }
        /// Any value starting at `position`; returns its literal text.
        func valueLiteral() throws -> String {
            skipSpace()
            guard position < bytes.count else { throw Failure(reason: "missing value", offset: position) }
            let start = position
            switch bytes[position] {
            case 0x22:
                return try stringLiteral()
            case 0x7B, 0x5B:
                var depth = 0
                while position < bytes.count {
                    switch bytes[position] {
                    case 0x22:
                        _ = try stringLiteral()
                        continue
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D:
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            return String(decoding: bytes[start..<position], as: UTF8.self)
                        }
                    default: break
                    }
                    position += 1
                }
                throw Failure(reason: "unterminated container", offset: start)
            default:
                while position < bytes.count, ![0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
                    position += 1
                }
                return String(decoding: bytes[start..<position], as: UTF8.self)
            }
        }

        try expect(0x7B)
        skipSpace()
        if position < bytes.count, bytes[position] == 0x7D {
            position += 1
        } else {
            while true {
                skipSpace()
                let keyLiteral = try stringLiteral()
                let key =
                    (try? JSONSerialization.jsonObject(with: Data(keyLiteral.utf8), options: .fragmentsAllowed))
                    as? String ?? keyLiteral
                try expect(0x3A)
                members.append(Member(key: key, literal: try valueLiteral()))
                skipSpace()
                guard position < bytes.count else { throw Failure(reason: "unterminated object", offset: position) }
                if bytes[position] == 0x2C {
                    position += 1
                    continue
                }
                try expect(0x7D)
                break
            }
        }
        skipSpace()
        guard position == bytes.count else { throw Failure(reason: "text after the object", offset: position) }
        return members
    }
}
