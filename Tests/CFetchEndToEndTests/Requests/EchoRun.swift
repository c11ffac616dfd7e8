import Foundation
import Testing

/// What the test server's `/echo` saw from cfetch, and from curl given the same options.
enum EchoRun {
    /// Runs `cfetch ARGUMENTS` (bodies saved with `-o`) and returns the run's result and,
    /// by record index, the JSON `/echo` answered (other bodies are left out).
    static func cfetch(
        _ arguments: [String], strategy: String, stdin: ChildProcess.Input = .devNull
    ) async throws -> (result: ChildProcess.Result, echoes: [Int: [String: Any]]) {
        try await withTemporaryDirectory { directory in
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "--format", "jsonl", "-o", directory.file("bodies")] + arguments, stdin: stdin)
            var echoes: [Int: [String: Any]] = [:]
            for record in try JSONRecord.parseLines(result.stdoutText) {
                guard let index = record.index, let path = record.string("path"),
                    record.string("content_type") == "application/json"
                else { continue }
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                echoes[index] = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            }
            return (result, echoes)
        }
    }

    /// What `/echo` answered curl (`curl -s ARGUMENTS`).
    static func curl(_ arguments: [String]) async throws -> [String: Any] {
        let result = try await ChildProcess.run("/usr/bin/curl", ["-s"] + arguments)
        #expect(result.exited(0), "\(result)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result)")
    }

    /// The parts of an echo two clients should agree on: method, body, and the headers but
    /// the user agent.
    static func comparable(_ echo: [String: Any]?) -> String {
        guard let echo else { return "nothing" }
        var headers = echo["headers"] as? [String: String] ?? [:]
        headers["user-agent"] = nil
        let parts: [String] = [
            echo["method"] as? String ?? "?", echo["target"] as? String ?? "?",
            echo["body_base64"] as? String ?? "?",
            headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "),
        ]
        return parts.joined(separator: " | ")
    }
}
