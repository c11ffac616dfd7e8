import Foundation
import Testing

/// cfetch and curl given the same options against nginx, and what each got back.
enum NginxRun {
    /// The request code is shared by every strategy and checked under all five against our
    /// own server; here one strategy with a handle per worker thread and one on the shared
    /// multi handle keep the suite within its time.
    static let strategies = ["callback", "blocking"]

    /// One cfetch run: its result, its records in index order, and the saved bodies by
    /// record index (only the records whose body was kept: ok ones).
    struct CFetchRun: CustomStringConvertible {
        var result: ChildProcess.Result
        var records: [JSONRecord]
        var bodies: [Int: Data]

        var description: String { "\(result)" }
        /// The body of the record with `index`, as nginx's `/echo` lines.
        func echo(_ index: Int = 0) -> NginxEcho? { bodies[index].map(NginxEcho.init) }
    }

    /// Runs `cfetch --strategy STRATEGY --format jsonl -o DIR ARGUMENTS` and reads the
    /// bodies back from the records' `path`.
    static func cfetch(_ arguments: [String], strategy: String) async throws -> CFetchRun {
        try await withTemporaryDirectory { directory in
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "--format", "jsonl", "-o", directory.file("bodies")] + arguments)
            let records = try JSONRecord.parseLines(result.stdoutText).sorted { ($0.index ?? -1) < ($1.index ?? -1) }
            var bodies: [Int: Data] = [:]
            for record in records {
                guard let index = record.index, let path = record.path, record.ok == true else { continue }
                bodies[index] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
            return CFetchRun(result: result, records: records, bodies: bodies)
        }
    }

    /// `curl -s ARGUMENTS`, bounded; its stdout is the body (or what `-w` wrote).
    static func curl(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("/usr/bin/curl", ["-s", "--max-time", "10"] + arguments)
    }

    /// `curl -s ARGUMENTS` that must succeed: its body as `/echo` lines.
    static func curlEcho(_ arguments: [String]) async throws -> NginxEcho {
        let result = try await curl(arguments)
        #expect(result.exited(0), "\(result)")
        return NginxEcho(result.stdout)
    }
}

/// nginx's `/echo` answer: one `name=value` line for each thing the request carried. Two
/// answers are compared whole, byte for byte; a test reads single values to say why.
struct NginxEcho: Equatable, CustomStringConvertible {
    let bytes: Data

    init(_ bytes: Data) { self.bytes = bytes }

    /// The value of the first `name=` line (a body with a newline in it would split).
    subscript(name: String) -> String? {
        let prefix = name + "="
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    var description: String { String(decoding: bytes, as: UTF8.self).debugDescription }
}
