extension CFetchBinary {
    /// Runs `cfetch --strategy STRATEGY --format jsonl ARGUMENTS LIST` with `urls` written to
    /// a temporary list file, and returns the result and its records.
    static func fetchList(
        _ urls: [String], _ arguments: [String], strategy: String, timeout: Duration = .seconds(40)
    ) async throws -> (ChildProcess.Result, [JSONRecord]) {
        try await withTemporaryDirectory { directory in
            let list = try directory.writeList(urls)
            let result = try await run(
                ["--strategy", strategy, "--format", "jsonl"] + arguments + [list], timeout: timeout)
            return (result, try JSONRecord.parseLines(result.stdoutText))
        }
    }
}
