import Foundation
import Testing

/// `--cacert`, `--capath`, `-E/--cert`, `--key` and `-k` against a real TLS server
/// (`openssl s_server`, certificates made by the `openssl` CLI for the test), each
/// compared with curl's answer on the same server. TLS is set up the same way for every
/// strategy, so a handle of its own (blocking) and the shared multi handle (callback) cover it.
@Suite("TLS certificates", .serialized)
struct TLSOptionTests {
    static let strategies = ["blocking", "callback"]

    /// cfetch's records for `arguments` + `urls`, and curl's exit status with the same arguments.
    private func fetch(
        _ arguments: [String], _ urls: [String], strategy: String
    ) async throws -> (
        records: [JSONRecord], result: ChildProcess.Result
    ) {
        let result = try await CFetchBinary.run(["--strategy", strategy, "--format", "jsonl"] + arguments + urls)
        return (try JSONRecord.parseLines(result.stdoutText), result)
    }

    private func curlStatus(_ arguments: [String], _ url: String) async throws -> Int32 {
        let curl = try await ChildProcess.run(
            "/usr/bin/curl", ["-sS", "--max-time", "10", "-o", "/dev/null"] + arguments + [url])
        return curl.status
    }

    @Test("--cacert with the server's CA: ok, by address and by name; as curl", arguments: strategies)
    func caFile(strategy: String) async throws {
        try await withOpenSSLServer { server, certificates in
            let urls = [server.url(), server.url(host: "localhost")]
            let (records, result) = try await fetch(["--cacert", certificates.ca], urls, strategy: strategy)
            #expect(result.exited(0), "\(result)")
            #expect(records.count == 2 && records.allSatisfy { $0.ok == true && $0.status == 200 }, "\(result)")
            #expect(try await curlStatus(["--cacert", certificates.ca], urls[0]) == 0)
        }
    }

    @Test(
        "a CA that did not sign the server's certificate: every URL fails with tls; curl says 60", arguments: strategies
    )
    func wrongCA(strategy: String) async throws {
        try await withOpenSSLServer { server, certificates in
            let urls = [server.url(), server.url(host: "localhost")]
            let (records, result) = try await fetch(["--cacert", certificates.unrelatedCA], urls, strategy: strategy)
            #expect(result.exited(1), "\(result)")
            #expect(records.count == 2 && records.allSatisfy { $0.error == "tls" }, "\(result)")
            #expect(try await curlStatus(["--cacert", certificates.unrelatedCA], urls[0]) == 60)
            // Without --cacert the system's CAs do not know ours either; -k skips the check.
            let (system, _) = try await fetch([], [urls[0]], strategy: strategy)
            #expect(system.first?.error == "tls", "\(system)")
            let (insecure, insecureResult) = try await fetch(["-k"], [urls[0]], strategy: strategy)
            #expect(insecureResult.exited(0) && insecure.first?.ok == true, "\(insecureResult)")
        }
    }

    @Test(
        "--capath: a directory hashed by openssl rehash verifies the server; one without its CA does not",
        arguments: strategies)
    func caDirectory(strategy: String) async throws {
        try await withOpenSSLServer { server, certificates in
            let (records, result) = try await fetch(
                ["--capath", certificates.caDirectory], [server.url()], strategy: strategy)
            #expect(result.exited(0) && records.first?.ok == true, "\(result)")
            #expect(try await curlStatus(["--capath", certificates.caDirectory], server.url()) == 0)
            // The certificates' directory has ca.pem, but not under its hash: OpenSSL cannot find it.
            let (unhashed, _) = try await fetch(
                ["--capath", certificates.directory.path], [server.url()], strategy: strategy)
            #expect(unhashed.first?.error == "tls", "\(unhashed)")
        }
    }

    @Test(
        "-E and --key against a server that requires a client certificate: ok with, tls without; as curl",
        arguments: strategies)
    func clientCertificate(strategy: String) async throws {
        try await withOpenSSLServer(requireClientCertificate: true) { server, certificates in
            let url = server.url()
            let ca = ["--cacert", certificates.ca]
            let withKey = ca + ["-E", certificates.clientCertificate, "--key", certificates.clientKey]
            let (records, result) = try await fetch(withKey, [url], strategy: strategy)
            #expect(result.exited(0) && records.first?.ok == true, "\(result)")
            #expect(try await curlStatus(withKey, url) == 0)

            let combined = ca + ["--cert", certificates.clientCertificateAndKey]
            let (together, togetherResult) = try await fetch(combined, [url], strategy: strategy)
            #expect(togetherResult.exited(0) && together.first?.ok == true, "\(togetherResult)")

            let (without, withoutResult) = try await fetch(ca, [url], strategy: strategy)
            #expect(withoutResult.exited(1) && without.first?.error == "tls", "\(withoutResult)")
            #expect(try await curlStatus(ca, url) != 0)
        }
    }

    @Test("-E CERT:PASSWORD unlocks an encrypted --key; a wrong one is a tls failure, as in curl")
    func keyPassword() async throws {
        try await withOpenSSLServer(requireClientCertificate: true) { server, certificates in
            let url = server.url()
            func arguments(_ password: String) -> [String] {
                [
                    "--cacert", certificates.ca, "-E", certificates.clientCertificate + ":" + password, "--key",
                    certificates.encryptedClientKey,
                ]
            }
            let (records, result) = try await fetch(
                arguments(TestCertificates.keyPassword), [url], strategy: "callback")
            #expect(result.exited(0) && records.first?.ok == true, "\(result)")
            let (wrong, wrongResult) = try await fetch(arguments("wrong"), [url], strategy: "callback")
            #expect(wrongResult.exited(1) && wrong.first?.error == "tls", "\(wrongResult)")
            #expect(try await curlStatus(arguments(TestCertificates.keyPassword), url) == 0)
            #expect(try await curlStatus(arguments("wrong"), url) == 58)
        }
    }

    @Test("--cert-type DER and --key-type DER read DER files")
    func derFiles() async throws {
        try await withOpenSSLServer(requireClientCertificate: true) { server, certificates in
            let arguments = [
                "--cacert", certificates.ca, "-E", certificates.clientCertificateDER, "--cert-type", "DER", "--key",
                certificates.clientKeyDER, "--key-type", "der",
            ]
            let (records, result) = try await fetch(arguments, [server.url()], strategy: "callback")
            #expect(result.exited(0) && records.first?.ok == true, "\(result)")
        }
    }
}
