import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Certificates made by the `openssl` CLI in a test's temporary directory: a CA, a server
/// certificate it signs for `localhost` and `127.0.0.1` (subjectAltName), a client
/// certificate it signs (PEM; key apart, together, encrypted; DER), an unrelated CA, and a
/// `--capath` directory hashed by `openssl rehash`. EC keys: made in milliseconds. The
/// `openssl` CLI is a test dependency (`make deps` installs it).
struct TestCertificates: Sendable {
    let directory: TemporaryDirectory

    /// The passphrase of `encryptedClientKey`.
    static let keyPassword = "s3cret"

    var ca: String { directory.file("ca.pem") }
    var unrelatedCA: String { directory.file("unrelated-ca.pem") }
    /// Holds `ca.pem` under its subject hash, as OpenSSL's `--capath` lookup wants.
    var caDirectory: String { directory.file("capath") }
    var serverCertificate: String { directory.file("server.pem") }
    var serverKey: String { directory.file("server.key") }
    var clientCertificate: String { directory.file("client.pem") }
    var clientKey: String { directory.file("client.key") }
    /// The client certificate and its key in one file, as `-E` alone takes them.
    var clientCertificateAndKey: String { directory.file("client-and-key.pem") }
    var encryptedClientKey: String { directory.file("client-encrypted.key") }
    var clientCertificateDER: String { directory.file("client.der") }
    var clientKeyDER: String { directory.file("client-key.der") }

    struct OpenSSLFailed: Error, CustomStringConvertible {
        var result: ChildProcess.Result
        var description: String { "making test certificates with openssl failed: \(result)" }
    }

    /// Makes them all in `directory`; throws with openssl's output when a step fails.
    static func make(in directory: TemporaryDirectory) async throws -> TestCertificates {
        let script = """
            set -e
            cd \(ChildProcess.shellQuoted(directory.path))
            ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            openssl req -x509 $ec -keyout ca.key -out ca.pem -days 2 -subj "/CN=cfetch test CA"
            openssl req -x509 $ec -keyout unrelated-ca.key -out unrelated-ca.pem -days 2 -subj "/CN=unrelated CA"
            openssl req $ec -keyout server.key -out server.csr -subj "/CN=localhost"
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > server.ext
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
              -extfile server.ext -out server.pem
            openssl req $ec -keyout client.key -out client.csr -subj "/CN=cfetch test client"
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out client.pem
            cat client.pem client.key > client-and-key.pem
            openssl pkey -in client.key -aes256 -passout pass:\(keyPassword) -out client-encrypted.key
            openssl x509 -in client.pem -outform DER -out client.der
            openssl pkey -in client.key -outform DER -out client-key.der
            mkdir capath
            cp ca.pem capath/
            openssl rehash capath
            """
        let result = try await ChildProcess.shell(script, timeout: .seconds(30))
        guard result.exited(0) else { throw OpenSSLFailed(result: result) }
        return TestCertificates(directory: directory)
    }
}

/// `openssl s_server -www` on 127.0.0.1 and a free port, signed by `TestCertificates`' CA:
/// a real TLS server (the test server speaks plain HTTP) that answers every request with
/// an HTTP/1.0 status page, one connection at a time. With `requireClientCertificate` it
/// refuses a client without a certificate its CA signed (`-Verify 1`).
struct OpenSSLServer: Sendable {
    let port: Int
    let process: ChildProcess

    /// `https://HOST:PORT/`.
    func url(host: String = "127.0.0.1") -> String { "https://\(host):\(port)/" }

    struct NoPort: Error, CustomStringConvertible {
        var output: String
        var description: String { "openssl s_server printed no ACCEPT line with its port: \(output.debugDescription)" }
    }

    static func start(_ certificates: TestCertificates, requireClientCertificate: Bool) async throws -> OpenSSLServer {
        var arguments = [
            "s_server", "-accept", "127.0.0.1:0", "-www", "-cert", certificates.serverCertificate, "-key",
            certificates.serverKey,
        ]
        if requireClientCertificate { arguments += ["-CAfile", certificates.ca, "-Verify", "1"] }
        let process = ChildProcess("/usr/bin/openssl", arguments)
        try process.start()
        // "ACCEPT 127.0.0.1:PORT\n", once it listens.
        try await process.waitForStdout(containing: "ACCEPT 127.0.0.1:", timeout: .seconds(10))
        let deadline = ContinuousClock.now + .seconds(10)
        var port: Int?
        while port == nil, ContinuousClock.now < deadline {
            port = acceptedPort(in: process.stdoutSoFar)
            if port == nil { try await Task.sleep(for: .milliseconds(5)) }
        }
        guard let port else {
            process.send(SIGKILL)
            throw NoPort(output: process.stdoutSoFar)
        }
        return OpenSSLServer(port: port, process: process)
    }

    /// The port of a whole "ACCEPT 127.0.0.1:PORT" line.
    private static func acceptedPort(in output: String) -> Int? {
        guard let start = output.range(of: "ACCEPT 127.0.0.1:")?.upperBound else { return nil }
        let rest = output[start...]
        guard let end = rest.firstIndex(of: "\n") else { return nil }
        return Int(rest[..<end])
    }

    func stop() async {
        process.send(SIGKILL)
        _ = try? await process.wait(timeout: .seconds(10))
    }
}

/// Makes certificates in a fresh directory, starts `openssl s_server` with them, runs
/// `body`, and always stops the server and removes the directory.
func withOpenSSLServer<T>(
    requireClientCertificate: Bool = false,
    _ body: (OpenSSLServer, TestCertificates) async throws -> T
) async throws -> T {
    try await withTemporaryDirectory { directory in
        let certificates = try await TestCertificates.make(in: directory)
        let server = try await OpenSSLServer.start(certificates, requireClientCertificate: requireClientCertificate)
        do {
            let result = try await body(server, certificates)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}
