import Foundation
import Testing

extension ThirdParty {
    /// `--cacert`, `-k`, `-E` and `--key` against nginx's TLS, with the test CA's certificates
    /// (`TestCertificates`), compared with curl.
    @Suite("nginx: TLS")
    struct NginxTLSTests {
        @Test(
            "--cacert with the test CA: ok; without it: tls (curl: 60); -k: ok; the same echo as curl",
            arguments: NginxRun.strategies)
        func serverCertificate(strategy: String) async throws {
            try await withNginx(tls: true) { nginx in
                let certificates = try #require(nginx.certificates)
                let url = nginx.tlsURL("/echo")
                let verified = try await NginxRun.cfetch(["--cacert", certificates.ca, url], strategy: strategy)
                #expect(verified.result.exited(0), "\(verified)")
                #expect(verified.echo()?["method"] == "GET", "\(verified)")
                #expect(verified.echo() == (try await NginxRun.curlEcho(["--cacert", certificates.ca, url])))

                let unverified = try await NginxRun.cfetch([url], strategy: strategy)
                #expect(unverified.result.exited(1), "\(unverified)")
                #expect(
                    unverified.records.first?.error == "tls" && unverified.records.first?.status == nil, "\(unverified)"
                )
                #expect(try await NginxRun.curl([url]).exited(60))

                let insecure = try await NginxRun.cfetch(["-k", url], strategy: strategy)
                #expect(insecure.result.exited(0), "\(insecure)")
                #expect(insecure.echo() == verified.echo(), "\(insecure)")
            }
        }

        @Test(
            "-E/--key where nginx requires a client certificate: ok with one (key apart, together, encrypted); 400 without; as curl",
            arguments: NginxRun.strategies)
        func clientCertificate(strategy: String) async throws {
            try await withNginx(tls: true) { nginx in
                let certificates = try #require(nginx.certificates)
                let url = nginx.clientCertificateURL("/echo")
                let ways = [
                    ["-E", certificates.clientCertificate, "--key", certificates.clientKey],
                    ["-E", certificates.clientCertificateAndKey],
                    [
                        "-E", "\(certificates.clientCertificate):\(TestCertificates.keyPassword)", "--key",
                        certificates.encryptedClientKey,
                    ],
                ]
                for way in ways {
                    let options = ["--cacert", certificates.ca] + way + [url]
                    let run = try await NginxRun.cfetch(options, strategy: strategy)
                    #expect(run.result.exited(0), "\(way): \(run)")
                    #expect(run.echo()?["client"] == "CN=cfetch test client", "\(way): \(run)")
                    #expect(run.echo() == (try await NginxRun.curlEcho(options)), "\(way)")
                }
                let without = try await NginxRun.cfetch(["--cacert", certificates.ca, url], strategy: strategy)
                #expect(without.result.exited(1), "\(without)")
                let record = try #require(without.records.first, "\(without)")
                #expect(record.status == 400 && record.error == "http", "\(without)")
                let curl = try await NginxRun.curl([
                    "--cacert", certificates.ca, "-o", "/dev/null", "-w", "%{http_code}", url,
                ])
                #expect(curl.stdoutText == "400", "\(curl)")
            }
        }
    }
}
