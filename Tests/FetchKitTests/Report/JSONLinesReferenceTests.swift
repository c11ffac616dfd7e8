import FetchTestServer
import Foundation
import Testing

@testable import FetchKit

/// The JSONL formatter writes a record into room it reserves beforehand
/// (`ReservedBytesWriter`); these tests hold it, byte for byte, to the same line built the
/// plain way with `String` (strings quoted scalar by scalar by the test server's
/// `HeadersJSON.quoted`), over records made of the values that are easy to get wrong: every
/// ASCII control character, quotes and backslashes, non-ASCII text, empty strings, nil, the
/// extreme integers, and seconds that are negative, not finite, past the cap or halfway
/// between two microseconds.
@Suite("JSONL lines against a plain reference")
struct JSONLinesReferenceTests {
    /// Texts: each ASCII byte alone, then mixtures, non-ASCII and long ones.
    private static let texts: [String] =
        (0..<128).map { String(UnicodeScalar(UInt8($0))) } + [
            "", "http://h/a,\"b\"", "back\\slash", "tab\tnew\nline\rreturn", "\u{7F}del\u{1}\u{1F}",
            "é ü 日本 🚀", "\"\"\"", "\\\\", String(repeating: "\u{0}", count: 300),
            String(repeating: "a\"", count: 2_000), "https://example.org/path?q=1&r=%20#frag",
        ]
    private static let integers: [Int?] = [nil, 0, 1, -1, 9, 10, 99, 100, 12_345, Int.max, Int.min, -9_999]
    private static let seconds: [Double] = [
        0, -0.0, -1, 1e-7, 4e-7, 5e-7, 0.0000015, 0.012346, 0.1, 1, 1.5, 59.999_999_5, 86_400, 1e9, 1e9 + 1,
        1e15, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
    ]

    /// Record `n` of the test's 2,000: a different mixture of the values above each time.
    private static func record(_ n: Int) -> FetchRecord {
        func text(_ salt: Int) -> String { texts[(n &* 7 &+ salt &* 13) % texts.count] }
        func optionalText(_ salt: Int) -> String? { (n + salt) % 5 == 0 ? nil : text(salt) }
        func integer(_ salt: Int) -> Int? { integers[(n &+ salt &* 3) % integers.count] }
        func time(_ salt: Int) -> Double { seconds[(n &* 3 &+ salt) % seconds.count] }
        var phases = PhaseTimes()
        phases.dns = time(1)
        phases.connect = time(2)
        phases.tls = time(3)
        phases.ttfb = time(4)
        phases.total = time(5)
        var record = FetchRecord(
            index: integer(0) ?? 0, id: n % 3 == 0 ? nil : (n % 3 == 1 ? "\"a\(n)\"" : "\(n)"), url: text(0),
            ok: n % 2 == 0, status: integer(1), bytes: integer(2) ?? 0, worker: integer(3) ?? -1,
            strategy: StrategyKind.allCases[n % StrategyKind.allCases.count], attempts: integer(4) ?? 1,
            queued: time(6), hostWait: time(7), start: time(8), elapsed: time(9), phases: phases,
            httpVersion: optionalText(1), contentType: optionalText(2), effectiveURL: optionalText(3),
            path: optionalText(4), error: n % 4 == 0 ? nil : ErrorClass.allCases[n % ErrorClass.allCases.count],
            message: optionalText(5))
        record.queueID = optionalText(6)
        record.consumer = optionalText(7)
        return record
    }

    /// The line as a person would build it from the record contract, with `String`.
    private static func referenceLine(_ record: FetchRecord, fields: [RecordField]) -> String {
        var line = "{"
        for (position, field) in fields.enumerated() {
            line += (position == 0 ? "" : ",") + "\"\(field.key)\":"
            switch field.value(in: record) {
            case .string(let text): line += text.map(HeadersJSON.quoted) ?? "null"
            case .json(let text): line += text ?? "null"
            case .int(let number): line += number.map { String($0) } ?? "null"
            case .seconds(let seconds): line += referenceSeconds(seconds)
            case .bool(let flag): line += flag ? "true" : "false"
            }
        }
        return line + "}\n"
    }

    /// Whole microseconds, capped at a billion seconds; 0 for anything not positive and finite.
    private static func referenceSeconds(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0.000000" }
        let micros = UInt((min(seconds, 1e9) * 1e6).rounded())
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    @Test(
        "every field list: the same bytes as the plain reference, after whatever the batch held",
        arguments: [
            RecordField.ordered, Array(RecordField.ordered.reversed()), [.message], [.elapsed, .url, .id], [],
        ])
    func sameAsReference(fields: [RecordField]) {
        let formatter = JSONLinesFormatter(fields: fields)
        var batch = Array("earlier records\n".utf8)
        var expected = "earlier records\n"
        for n in 0..<2_000 {
            let record = Self.record(n)
            formatter.format(record, into: &batch)
            expected += Self.referenceLine(record, fields: fields)
        }
        #expect(String(decoding: batch, as: UTF8.self) == expected)
    }

    @Test("quoting alone: the same as the reference for every text, appended after what was there")
    func quotedSameAsReference() {
        for text in Self.texts {
            var bytes = Array("x".utf8)
            JSONLinesFormatter.appendQuoted(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x" + HeadersJSON.quoted(text), "\(Array(text.utf8))")
        }
    }

    @Test("each line is one JSON object whose strings read back as they were")
    func parsesBack() throws {
        let formatter = JSONLinesFormatter()
        for n in 0..<300 {
            let record = Self.record(n)
            var bytes: [UInt8] = []
            formatter.format(record, into: &bytes)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(object["url"] as? String == record.url)
            #expect((object["message"] as? String) == record.message)
            #expect(object.count == RecordField.ordered.count)
        }
    }
}
