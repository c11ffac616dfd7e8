import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A private nginx (with the echo module) on free ports of 127.0.0.1, configured by
/// `NginxConfiguration` in a test's temporary directory: the third-party server the
/// request options are checked against besides our own test server.
struct NginxServer: Sendable {
    /// The one user `/auth` knows (its htpasswd line is made by `openssl passwd -apr1`).
    static let user = "alice"
    static let password = "pw-Nx7q-secret"

    let ports: NginxPorts
    let directory: TemporaryDirectory
    /// Set when the TLS servers run.
    let certificates: TestCertificates?
    let process: ChildProcess

    /// `http://HOST:ORIGIN/PATH` (PATH with its leading slash).
    func url(_ path: String, host: String = "127.0.0.1") -> String { "http://\(host):\(ports.origin)\(path)" }
    /// The forward proxy, as `-x` takes it.
    var proxy: String { "http://127.0.0.1:\(ports.proxy)" }
    func tlsURL(_ path: String) -> String { "https://127.0.0.1:\(ports.tls)\(path)" }
    /// The TLS server that refuses a request without a client certificate its CA signed.
    func clientCertificateURL(_ path: String) -> String { "https://127.0.0.1:\(ports.clientTLS)\(path)" }

    struct StartFailed: Error, CustomStringConvertible {
        var reason: String
        var log: String
        var description: String { "nginx did not start: \(reason); its error log and stderr: \(log.debugDescription)" }
    }

    /// Writes the configuration and the htpasswd into `directory`, starts nginx and waits
    /// until every server answers `/ready` with this start's token. A port someone else
    /// took in between makes nginx exit: it starts again on new ports, a few times.
    static func start(in directory: TemporaryDirectory, tls: Bool) async throws -> NginxServer {
        let installation = try NginxInstallation.locate()
        let certificates = tls ? try await TestCertificates.make(in: directory) : nil
        try await writePasswordFile(in: directory)
        try FileManager.default.createDirectory(atPath: directory.file("tmp"), withIntermediateDirectories: true)
        var lastFailure: StartFailed?
        for _ in 0..<5 {
            let picked = try FreePorts.pick(4)
            let ports = NginxPorts(origin: picked[0], proxy: picked[1], tls: picked[2], clientTLS: picked[3])
            let configuration = NginxConfiguration(
                directory: directory.path, echoModule: installation.echoModule, ports: ports,
                readyToken: UUID().uuidString, certificates: certificates)
            try configuration.text.write(toFile: directory.file("nginx.conf"), atomically: true, encoding: .utf8)
            // A fresh log, so a failure is judged by this attempt's messages alone.
            try? FileManager.default.removeItem(atPath: directory.file("error.log"))
            let process = ChildProcess(
                installation.executable,
                ["-p", directory.path + "/", "-e", directory.file("error.log"), "-c", directory.file("nginx.conf")])
            try process.start()
            let server = NginxServer(ports: ports, directory: directory, certificates: certificates, process: process)
            do {
                try await server.waitUntilReady(token: configuration.readyToken)
                return server
            } catch {
                await server.stop()
                guard let failure = error as? StartFailed, failure.log.contains("Address already in use") else {
                    throw error
                }
                lastFailure = failure
            }
        }
        throw lastFailure ?? StartFailed(reason: "no attempt", log: "")
    }

    /// `user:$apr1$…`, as `htpasswd` writes it, for `/auth`.
    private static func writePasswordFile(in directory: TemporaryDirectory) async throws {
        let hashed = try await ChildProcess.run("/usr/bin/openssl", ["passwd", "-apr1", password])
        guard hashed.exited(0) else { throw StartFailed(reason: "openssl passwd failed", log: "\(hashed)") }
        let line = "\(user):\(hashed.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))\n"
        try directory.write(Data(line.utf8), name: "htpasswd")
    }

    /// Asks every server's `/ready` through one curl (the proxy's is the origin's, passed
    /// on; the client-certificate server's with the client certificate) until all answer
    /// the token; fails at once when nginx exits, after 10 seconds otherwise.
    private func waitUntilReady(token: String) async throws {
        var arguments = ["-s", "--max-time", "2", url("/ready"), "\(proxy)/ready"]
        if let certificates {
            arguments += [
                "--cacert", certificates.ca, "--cert", certificates.clientCertificate, "--key",
                certificates.clientKey, tlsURL("/ready"), clientCertificateURL("/ready"),
            ]
        }
        let expected = String(repeating: token + "\n", count: certificates == nil ? 2 : 4)
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            if !process.isRunning {
                throw StartFailed(reason: "it exited", log: log)
            }
            let probe = try await ChildProcess.run("/usr/bin/curl", arguments, timeout: .seconds(5))
            if probe.stdoutText == expected { return }
            if ContinuousClock.now >= deadline {
                throw StartFailed(reason: "its servers did not all answer /ready within 10 s: \(probe)", log: log)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The error log and whatever nginx wrote to stderr before it opened the log.
    var log: String {
        let file = (try? String(contentsOfFile: directory.file("error.log"), encoding: .utf8)) ?? ""
        return file + process.stderrSoFar
    }

    /// Kills nginx (nothing of its state matters after a test) and reaps it; bounded.
    func stop() async {
        process.send(SIGKILL)
        _ = try? await process.wait(timeout: .seconds(10))
    }
}

/// Starts a private nginx in a fresh directory (with the TLS servers and their
/// certificates when `tls`), runs `body`, and always stops nginx and removes the
/// directory, whether `body` returns or throws.
func withNginx<T>(tls: Bool = false, _ body: (NginxServer) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        let nginx = try await NginxServer.start(in: directory, tls: tls)
        do {
            let result = try await body(nginx)
            await nginx.stop()
            return result
        } catch {
            await nginx.stop()
            throw error
        }
    }
}
