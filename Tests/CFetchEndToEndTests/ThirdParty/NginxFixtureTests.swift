import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension ThirdParty {
    /// The nginx fixture itself: it is stopped however a test ends, and a machine without
    /// nginx's echo module fails the suite with what to run rather than skipping it.
    @Suite("nginx fixture")
    struct NginxFixtureTests {
        struct Planned: Error {}

        @Test("withNginx stops nginx and removes its directory when the test body throws")
        func stoppedWhenTheBodyThrows() async throws {
            var seen: (pid: Int32, port: Int, directory: String)?
            await #expect(throws: Planned.self) {
                try await withNginx { nginx in
                    seen = (nginx.process.pid, nginx.ports.origin, nginx.directory.path)
                    #expect(try await NginxRun.curl([nginx.url("/ready")]).exited(0))
                    throw Planned()
                }
            }
            let (pid, port, directory) = try #require(seen)
            #expect(kill(pid, 0) == -1 && errno == ESRCH, "nginx \(pid) is still there")
            // curl's 7: nothing listens on the port any more.
            #expect(try await NginxRun.curl(["http://127.0.0.1:\(port)/ready"]).exited(7))
            #expect(!FileManager.default.fileExists(atPath: directory))
        }

        @Test("a missing echo module is an error that says to run make test-deps")
        func missingModuleSaysWhatToRun() throws {
            let error = #expect(throws: NginxInstallation.Missing.self) {
                try NginxInstallation.locate(echoModuleCandidates: ["/nonexistent/ngx_http_echo_module.so"])
            }
            #expect(error?.description.contains("make test-deps") == true, "\(String(describing: error))")
            #expect(error?.description.contains("/nonexistent/ngx_http_echo_module.so") == true)
        }
    }
}
