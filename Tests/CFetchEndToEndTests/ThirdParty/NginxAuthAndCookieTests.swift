import Foundation
import Testing

extension ThirdParty {
    /// `-u`, `-b` and `-c` against nginx's `auth_basic` and `Set-Cookie`, compared with curl.
    @Suite("nginx: basic auth and cookies")
    struct NginxAuthAndCookieTests {
        @Test(
            "-u: the right password passes auth_basic, a wrong one gets 401 http; the password is never shown",
            arguments: NginxRun.strategies)
        func basicAuth(strategy: String) async throws {
            try await withNginx { nginx in
                let right = ["-u", "\(NginxServer.user):\(NginxServer.password)", nginx.url("/auth")]
                let run = try await NginxRun.cfetch(right, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                #expect(run.echo()?["user"] == NginxServer.user, "\(run)")
                #expect(run.echo() == (try await NginxRun.curlEcho(right)))

                let wrongPassword = NginxServer.password + "-not"
                let wrong = try await NginxRun.cfetch(
                    ["-u", "\(NginxServer.user):\(wrongPassword)", nginx.url("/auth")], strategy: strategy)
                #expect(wrong.result.exited(1), "\(wrong)")
                let record = try #require(wrong.records.first, "\(wrong)")
                #expect(record.status == 401 && record.error == "http" && record.ok == false, "\(wrong)")
                let curl = try await NginxRun.curl(
                    [
                        "-u", "\(NginxServer.user):\(wrongPassword)", "-o", "/dev/null", "-w", "%{http_code}",
                        nginx.url("/auth"),
                    ])
                #expect(curl.stdoutText == "401", "\(curl)")

                for (result, password) in [(run.result, NginxServer.password), (wrong.result, wrongPassword)] {
                    #expect(!result.stdoutText.contains(password), "\(result)")
                    #expect(!result.stderrText.contains(password), "\(result)")
                }
            }
        }

        @Test("-b 'a=1; b=2': the cookies arrive as curl sends them", arguments: NginxRun.strategies)
        func cookieString(strategy: String) async throws {
            try await withNginx { nginx in
                let options = ["-b", "a=1; b=2", nginx.url("/echo")]
                let run = try await NginxRun.cfetch(options, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                #expect(run.echo()?["cookie"] == "a=1; b=2", "\(run)")
                #expect(run.echo() == (try await NginxRun.curlEcho(options)))
            }
        }

        @Test(
            "-c JAR keeps nginx's Set-Cookie; -b JAR sends it back; curl and cfetch read each other's jars",
            arguments: NginxRun.strategies)
        func cookieJar(strategy: String) async throws {
            try await withNginx { nginx in
                let jar = nginx.directory.file("cfetch-jar.txt")
                let setting = try await NginxRun.cfetch(["-c", jar, nginx.url("/set-cookie")], strategy: strategy)
                #expect(setting.result.exited(0), "\(setting)")
                let written = try String(contentsOfFile: jar, encoding: .utf8)
                #expect(written.contains("\tsid\tabc123"), "\(written)")

                let sending = try await NginxRun.cfetch(["-b", jar, nginx.url("/echo")], strategy: strategy)
                #expect(sending.result.exited(0), "\(sending)")
                #expect(sending.echo()?["cookie"] == "sid=abc123", "\(sending)")
                #expect(try await NginxRun.curlEcho(["-b", jar, nginx.url("/echo")])["cookie"] == "sid=abc123")

                let curlJar = nginx.directory.file("curl-jar.txt")
                #expect(
                    try await NginxRun.curl(["-c", curlJar, "-o", "/dev/null", nginx.url("/set-cookie")]).exited(0))
                let fromCurlJar = try await NginxRun.cfetch(["-b", curlJar, nginx.url("/echo")], strategy: strategy)
                #expect(fromCurlJar.echo()?["cookie"] == "sid=abc123", "\(fromCurlJar)")
            }
        }
    }
}
