import Foundation
import Testing

extension ThirdParty {
    /// `-L` with a POST body through nginx's `return 30x`: curl's rules for the method.
    @Suite("nginx: redirects of a POST")
    struct NginxRedirectTests {
        @Test(
            "-L -d: 301, 302 and 303 turn the POST into a GET; 307 and 308 keep it and the body; as curl",
            arguments: NginxRun.strategies)
        func methodAcrossRedirects(strategy: String) async throws {
            try await withNginx { nginx in
                let codes = [301, 302, 303, 307, 308]
                let urls = codes.map { nginx.url("/r\($0)") }
                let run = try await NginxRun.cfetch(["-L", "-d", "x=1"] + urls, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                for (index, code) in codes.enumerated() {
                    let record = run.records.first { $0.index == index }
                    #expect(record?.status == 200 && record?.effectiveURL == nginx.url("/echo"), "\(code): \(run)")
                    let echo = try #require(run.echo(index), "\(code): \(run)")
                    let keeps = code == 307 || code == 308
                    #expect(echo["method"] == (keeps ? "POST" : "GET"), "\(code): \(echo)")
                    #expect(echo["body"] == (keeps ? "x=1" : ""), "\(code): \(echo)")
                    #expect(echo == (try await NginxRun.curlEcho(["-L", "-d", "x=1", urls[index]])), "\(code)")
                }
            }
        }
    }
}
