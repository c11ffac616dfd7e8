import Foundation

/// The curl command-line tool, run as a child process: the same client library cfetch
/// uses, so its exit codes (56 for a reset, 18 for a partial body) are the ones cfetch sees.
enum CurlCommand {
    static let path = "/usr/bin/curl"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    struct Result: Sendable {
        var exitCode: Int32
        /// What `--write-out` printed.
        var output: String
    }

    /// Runs curl with `--max-time 10`, the body to /dev/null, and the given `--write-out`.
    /// Waits without blocking a thread of the concurrency pool.
    static func run(
        _ url: String,
        writeOut: String = "%{http_code}",
        extraArguments: [String] = []
    ) async throws
        -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments =
            ["--silent", "--max-time", "10", "--output", "/dev/null", "--write-out", writeOut]
            + extraArguments + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: Result(exitCode: finished.terminationStatus, output: text))
            }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}
