import Foundation
import Testing

extension ThirdParty {
    /// `-X`, `-d`, `--data-binary`, `--json`, `-I` and `-H` against nginx: what its `/echo`
    /// saw from cfetch is byte for byte what it saw from curl given the same options.
    @Suite("nginx: methods, bodies and headers")
    struct NginxMethodAndBodyTests {
        @Test("-X PUT -d a=1: a PUT with the form body, as curl sends it", arguments: NginxRun.strategies)
        func putWithData(strategy: String) async throws {
            try await withNginx { nginx in
                let options = ["-X", "PUT", "-d", "a=1", nginx.url("/echo")]
                let run = try await NginxRun.cfetch(options, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                let echo = try #require(run.echo(), "\(run)")
                #expect(echo["method"] == "PUT" && echo["body"] == "a=1", "\(echo)")
                #expect(echo["ctype"] == "application/x-www-form-urlencoded", "\(echo)")
                #expect(echo == (try await NginxRun.curlEcho(options)))
            }
        }

        @Test("-d @FILE -d b=2: the file without its CR and LF, joined with &, as curl", arguments: NginxRun.strategies)
        func dataFromFileJoined(strategy: String) async throws {
            try await withNginx { nginx in
                let file = try nginx.directory.write(Data("a=1\r\nc=3\n".utf8), name: "form.txt")
                let options = ["-d", "@\(file)", "-d", "b=2", nginx.url("/echo")]
                let run = try await NginxRun.cfetch(options, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                let echo = try #require(run.echo(), "\(run)")
                #expect(echo["method"] == "POST" && echo["body"] == "a=1c=3&b=2", "\(echo)")
                #expect(echo == (try await NginxRun.curlEcho(options)))
            }
        }

        @Test("--data-binary @FILE: every byte, NUL and CR too, as curl", arguments: NginxRun.strategies)
        func binaryBody(strategy: String) async throws {
            try await withNginx { nginx in
                let bytes = Data([0x61, 0x00, 0x62, 0x0D, 0x63, 0xFF])
                let file = try nginx.directory.write(bytes, name: "body.bin")
                let options = ["--data-binary", "@\(file)", nginx.url("/echo")]
                let run = try await NginxRun.cfetch(options, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                let echo = try #require(run.echo(), "\(run)")
                #expect(echo.bytes.range(of: Data("body=".utf8) + bytes + Data("\n".utf8)) != nil, "\(echo)")
                #expect(echo == (try await NginxRun.curlEcho(options)))
            }
        }

        @Test("--json: the body with JSON's content type and accept, as curl", arguments: NginxRun.strategies)
        func json(strategy: String) async throws {
            try await withNginx { nginx in
                let options = ["--json", #"{"k":1}"#, nginx.url("/echo")]
                let run = try await NginxRun.cfetch(options, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                let echo = try #require(run.echo(), "\(run)")
                #expect(echo["body"] == #"{"k":1}"#, "\(echo)")
                #expect(echo["ctype"] == "application/json" && echo["accept"] == "application/json", "\(echo)")
                #expect(echo == (try await NginxRun.curlEcho(options)))
            }
        }

        @Test("-H 'X-Test: v': the header arrives, as curl sends it", arguments: NginxRun.strategies)
        func header(strategy: String) async throws {
            try await withNginx { nginx in
                let options = ["-H", "X-Test: v", nginx.url("/echo")]
                let run = try await NginxRun.cfetch(options, strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                let echo = try #require(run.echo(), "\(run)")
                #expect(echo["method"] == "GET" && echo["x"] == "v", "\(echo)")
                #expect(echo == (try await NginxRun.curlEcho(options)))
            }
        }

        @Test("-I: a HEAD answered 200 with no body; curl -I gets the same", arguments: NginxRun.strategies)
        func head(strategy: String) async throws {
            try await withNginx { nginx in
                let run = try await NginxRun.cfetch(["-I", nginx.url("/head")], strategy: strategy)
                #expect(run.result.exited(0), "\(run)")
                let record = try #require(run.records.first, "\(run)")
                #expect(run.records.count == 1 && record.ok == true, "\(run)")
                #expect(record.status == 200 && record.bytes == 0, "\(run)")
                // Without -I the same URL has a body: -I is what made it empty.
                let get = try await NginxRun.cfetch([nginx.url("/head")], strategy: strategy)
                #expect(get.bodies[0] == Data("head body\n".utf8), "\(get)")
                let curl = try await NginxRun.curl(
                    ["-I", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", nginx.url("/head")])
                #expect(curl.stdoutText == "200 0", "\(curl)")
            }
        }
    }
}
