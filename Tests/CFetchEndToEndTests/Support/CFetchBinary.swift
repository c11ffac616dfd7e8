import Foundation
import Testing

/// Finds the built `cfetch` executable: next to the test runner in the products
/// directory (e.g. `.build-e2e/debug/cfetch` beside `cfetchPackageTests.xctest`), or
/// wherever `CFETCH_BINARY` points.
enum CFetchBinary {
    struct Missing: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "the cfetch binary was not found; build it first (swift build --scratch-path …) "
                + "or set CFETCH_BINARY. Looked in: " + searched.joined(separator: ", ")
        }
    }

    /// The binary's path, or a `Missing` error naming where it looked.
    static let located: Result<String, Missing> = {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["CFETCH_BINARY"], !override.isEmpty {
            candidates.append(override)
        }
        var runners: [String] = []
        if let executable = Bundle.main.executablePath { runners.append(executable) }
        if let first = CommandLine.arguments.first { runners.append(first) }
        for runner in runners {
            var directory = URL(fileURLWithPath: runner).resolvingSymlinksInPath().deletingLastPathComponent()
            // A macOS .xctest bundle keeps its executable in Contents/MacOS; go up to the products dir.
            while directory.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
                directory.deleteLastPathComponent()
            }
            candidates.append(directory.appendingPathComponent("cfetch").path)
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return .success(candidate)
            }
        }
        return .failure(Missing(searched: candidates))
    }()

    /// The path of the binary; throws a clear error when it is missing.
    static func path() throws -> String {
        try located.get()
    }

    /// The strategies the binary lists with `--list-strategies`, asked once per test run,
    /// so new strategies are picked up without editing the tests.
    ///
    /// When the binary is missing or the listing fails, this returns one placeholder
    /// name, so every parameterised test still runs (and fails, saying why) rather than
    /// silently running no cases at all.
    static let strategies: [String] = {
        guard case .success(let path) = located else { return ["<cfetch binary missing>"] }
        guard let result = try? ChildProcess.runBlocking(path, ["--list-strategies"], timeout: .seconds(20)),
            result.status == 0
        else { return ["<cfetch --list-strategies failed>"] }
        let names = result.stdoutLines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return names.isEmpty ? ["<cfetch --list-strategies printed nothing>"] : names
    }()

    /// Runs `cfetch ARGS`, capturing everything; kills it and throws after `timeout`.
    static func run(
        _ arguments: [String],
        stdin: ChildProcess.Input = .devNull,
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(20)
    ) async throws -> ChildProcess.Result {
        try await ChildProcess.run(try path(), arguments, stdin: stdin, environment: environment, timeout: timeout)
    }

    /// Starts `cfetch ARGS` and returns it running (for signals and long-running commands).
    static func start(
        _ arguments: [String],
        stdin: ChildProcess.Input = .devNull,
        environment: [String: String]? = nil
    ) throws -> ChildProcess {
        let child = ChildProcess(try path(), arguments, stdin: stdin, environment: environment)
        try child.start()
        return child
    }
}
