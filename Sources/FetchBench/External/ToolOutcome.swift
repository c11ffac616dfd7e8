/// What a tool's own output says of its run: how many of the list's URLs it fetched with
/// a status below 400. The rest are its errors — transport failures, HTTP errors, and
/// URLs it never reported — so a tool that gave up part-way cannot look fast.
struct ToolOutcome: Equatable {
    let fetched: Int
    let expected: Int

    var errors: Int { max(0, expected - fetched) }

    /// - Parameters:
    ///   - output: the tool's stdout: curl's `-w '%{http_code}\n'` lines, wget2's
    ///     `--stats-site` CSV, aria2c's download results, h2load's summary.
    init(_ tool: ExternalTool, output: String, expected: Int) {
        self.expected = expected
        let lines = output.split(whereSeparator: \.isNewline)
        switch tool {
        case .curl:
            fetched = lines.count { Self.isSuccess(Int($0.trimmingSpaces)) }
        case .wget2:
            // ID,ParentID,URL,Status and 8 more: a URL may hold commas, so the status is
            // counted from the right, the ninth field from the end.
            fetched = lines.dropFirst().count { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return fields.count >= 12 && Self.isSuccess(Int(fields[fields.count - 9]))
            }
        case .aria2c:
            // "bd2e36|OK  |   5.8KiB/s|ar/0" under "Download Results:".
            fetched = lines.count { line in
                let fields = line.split(separator: "|", omittingEmptySubsequences: false)
                return fields.count == 4 && fields[0].allSatisfy(\.isHexDigit) && !fields[0].isEmpty
                    && fields[1].trimmingSpaces == "OK"
            }
        case .h2load:
            // "requests: 500 total, 500 started, 500 done, 498 succeeded, 2 failed, 0 errored, 0 timeout"
            let summary = lines.first { $0.hasPrefix("requests:") }
            let succeeded = summary?.split(separator: ",").first { $0.hasSuffix(" succeeded") }
            fetched = succeeded.flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
        }
    }

    private static func isSuccess(_ status: Int?) -> Bool {
        guard let status else { return false }
        return (200..<400).contains(status)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
