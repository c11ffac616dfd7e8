import Foundation
import Testing

extension ThirdParty {
    /// `-x`, `--noproxy`, `--resolve` and `--connect-to` with nginx as the proxy and the
    /// origin, on names that do not resolve (`.invalid`, `.test`): only the option can reach it.
    @Suite("nginx: proxy, --resolve and --connect-to")
    struct NginxProxyAndAddressTests {
        @Test(
            "-x: a URL whose host does not resolve reaches the origin through nginx's proxy; --noproxy '*' goes direct",
            arguments: NginxRun.strategies)
        func proxy(strategy: String) async throws {
            try await withNginx { nginx in
                let proxied = ["-x", nginx.proxy, "http://origin.invalid:\(nginx.ports.origin)/echo"]
                let run = try await NginxRun.cfetch(proxied, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                #expect(run.records.first?.ok == true && run.echo()?["proxied"] == "yes", "\(run)")
                #expect(run.echo() == (try await NginxRun.curlEcho(proxied)))

                let direct = ["-x", nginx.proxy, "--noproxy", "*", nginx.url("/echo")]
                let bypass = try await NginxRun.cfetch(direct, strategy: strategy)
                #expect(bypass.result.exited(0), "\(bypass)")
                #expect(bypass.echo()?["proxied"] == "", "\(bypass)")
                #expect(bypass.echo() == (try await NginxRun.curlEcho(direct)))
            }
        }

        @Test(
            "--resolve example.test:PORT:127.0.0.1: the name reaches nginx, Host kept; as curl",
            arguments: NginxRun.strategies)
        func resolve(strategy: String) async throws {
            try await withNginx { nginx in
                let port = nginx.ports.origin
                let options = ["--resolve", "example.test:\(port):127.0.0.1", "http://example.test:\(port)/echo"]
                let run = try await NginxRun.cfetch(options, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                #expect(run.echo()?["host"] == "example.test:\(port)", "\(run)")
                #expect(run.echo() == (try await NginxRun.curlEcho(options)))
            }
        }

        @Test(
            "--connect-to: same port, and port 80 moved to nginx's; Host names the URL's; as curl",
            arguments: NginxRun.strategies)
        func connectTo(strategy: String) async throws {
            try await withNginx { nginx in
                let port = nginx.ports.origin
                let options = [
                    "--connect-to", "example.test:\(port):127.0.0.1:\(port)", "--connect-to",
                    "other.test:80:127.0.0.1:\(port)",
                ]
                let urls = ["http://example.test:\(port)/echo", "http://other.test/echo"]
                let run = try await NginxRun.cfetch(options + urls, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                #expect(run.echo(0)?["host"] == "example.test:\(port)", "\(run)")
                #expect(run.echo(1)?["host"] == "other.test", "\(run)")
                for (index, url) in urls.enumerated() {
                    #expect(run.echo(index) == (try await NginxRun.curlEcho(options + [url])), "\(url)")
                }
            }
        }
    }
}
