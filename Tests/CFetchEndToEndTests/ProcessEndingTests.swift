import ArgumentParser
import Testing

@testable import FetchKit
@testable import FetchTestServer
@testable import cfetch

#if canImport(Glibc)
import Glibc
#endif

/// The one mapping from errors to exit statuses (`CFetch.main` applies it). Errors that
/// the built binary cannot be made to hit from outside — the poll loop's eventfd failing,
/// curl refusing an option — are checked here, the rest end to end.
@Suite("Exit statuses")
struct ProcessEndingTests {
    private func ending(_ error: any Error) -> ProcessEnding {
        ProcessEnding.forError(error, command: "cfetch")
    }

    @Test("a failed system call at start-up (the loop's eventfd) is one line and exit 2")
    func systemCall() {
        #expect(
            ending(SystemCallError(call: "eventfd", errno: EMFILE))
                == .exit(2, line: "eventfd failed: \(String(cString: strerror(EMFILE)))"))
        #expect(
            ending(SystemCallError(call: "open", errno: ENOENT, context: "cannot write /x/trace.json"))
                == .exit(2, line: "cannot write /x/trace.json: \(String(cString: strerror(ENOENT)))"))
    }

    @Test("usage, input, curl and server errors are one line and exit 2")
    func startUpErrors() {
        #expect(ending(UsageError("no URL list")) == .exit(2, line: "no URL list"))
        #expect(
            ending(InputError(path: "a.txt", reason: "it is a directory"))
                == .exit(2, line: "cannot read a.txt: it is a directory"))
        #expect(ending(CurlError(call: "curl_multi_init")) == .exit(2, line: "curl_multi_init failed"))
        let server = TestServerError(host: "127.0.0.1", port: 80, reason: "permission denied")
        #expect(ending(server) == .exit(2, line: "cannot listen on 127.0.0.1:80: permission denied"))
    }

    @Test("a command's own exit status passes through; validation errors say where to look")
    func passThrough() {
        #expect(ending(ExitCode(130)) == .exit(130, line: nil))
        #expect(ending(ExitCode(1)) == .exit(1, line: nil))
        #expect(
            ending(ValidationError("-j must be positive")) == .exit(2, line: "-j must be positive (see cfetch --help)"))
    }
}
