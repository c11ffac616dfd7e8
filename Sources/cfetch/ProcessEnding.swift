import ArgumentParser
import FetchKit
import FetchTestServer

/// How an error that ended a command ends the process: the one place where errors become
/// exit statuses (0 all ok, 1 some failed, 2 usage error or nothing could start, 23
/// records could not be written, 130 SIGINT, 143 SIGTERM — the commands say which of
/// 0, 1, 23, 130 and 143 by throwing `ExitCode`, from `RunSummary.exitStatus`).
enum ProcessEnding: Equatable {
    /// Exit with this status, after printing the line (if any) on stderr.
    case exit(Int32, line: String?)
    /// Help, version and argument-parser's other endings: it prints and exits itself.
    case argumentParser

    static func forError(_ error: any Error, command: String) -> ProcessEnding {
        switch error {
        case let code as ExitCode:
            return .exit(code.rawValue, line: nil)
        // Nothing was fetched: the user changes the command, a path, or a limit.
        case is UsageError, is InputError, is SystemCallError, is CurlError, is TestServerError,
            is BuiltInServerError:
            return .exit(2, line: "\(error)")
        default:
            // Usage errors are one line and exit 2, as curl-style tools do (argument-parser's
            // default is 64 with the full usage).
            guard CFetch.exitCode(for: error) == .validationFailure else { return .argumentParser }
            let message = CFetch.message(for: error).split(separator: "\n").first ?? ""
            return .exit(2, line: "\(message) (see \(command) --help)")
        }
    }
}
