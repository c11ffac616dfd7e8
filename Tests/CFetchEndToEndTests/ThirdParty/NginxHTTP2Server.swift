import Foundation

/// A private nginx serving HTTP/2 over TLS (and HTTP/1.1 to clients that ask for it), with
/// an access log of each request's `$connection` serial and protocol: how many connections
/// a run opened, and what it spoke on them, as the server saw it.
struct NginxHTTP2Server: Sendable {
    let port: Int
    let directory: TemporaryDirectory
    let certificates: TestCertificates
    let process: ChildProcess

    var accessLog: String { directory.file("access.log") }

    /// `https://127.0.0.1:PORT/PATH` (PATH with its leading slash).
    func url(_ path: String) -> String { "https://127.0.0.1:\(port)\(path)" }

    /// The access log's lines so far, as (connection serial, protocol).
    func requests() throws -> [(connection: String, proto: String)] {
        try String(contentsOfFile: accessLog, encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            return (String(fields.first ?? ""), String(fields.dropFirst().first ?? ""))
        }
    }

    /// The distinct connections the access log names so far.
    func connections() throws -> Int { Set(try requests().map(\.connection)).count }

    /// Empties the access log (nginx keeps appending to the same file).
    func clearLog() throws { try Data().write(to: URL(fileURLWithPath: accessLog)) }

    private static func configuration(directory: String, port: Int, certificates: TestCertificates) -> String {
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid \(directory)/nginx.pid;
        error_log \(directory)/error.log warn;
        events { worker_connections 1024; }
        http {
            log_format conn '$connection $server_protocol';
            access_log \(directory)/access.log conn;
            default_type text/plain;
            keepalive_requests 100000;
            client_body_temp_path \(directory)/tmp/body;
            proxy_temp_path \(directory)/tmp/proxy;
            fastcgi_temp_path \(directory)/tmp/fastcgi;
            uwsgi_temp_path \(directory)/tmp/uwsgi;
            scgi_temp_path \(directory)/tmp/scgi;
            server {
                listen 127.0.0.1:\(port) ssl http2;
                ssl_certificate \(certificates.serverCertificate);
                ssl_certificate_key \(certificates.serverKey);
                location = /ready { access_log off; return 200 "ready\\n"; }
                location / { return 200 "ok\\n"; }
            }
        }

        """
    }

    /// Starts nginx on a free port and waits until it answers `/ready` over HTTP/2; a port
    /// taken in between makes nginx exit, and it starts again on another, a few times.
    static func start(in directory: TemporaryDirectory) async throws -> NginxHTTP2Server {
        let installation = try NginxInstallation.locate()
        let certificates = try await TestCertificates.make(in: directory)
        try FileManager.default.createDirectory(atPath: directory.file("tmp"), withIntermediateDirectories: true)
        var lastLog = ""
        for _ in 0..<5 {
            let port = try FreePorts.pick(1)[0]
            let text = configuration(directory: directory.path, port: port, certificates: certificates)
            try text.write(toFile: directory.file("nginx.conf"), atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: directory.file("error.log"))
            let process = ChildProcess(
                installation.executable,
                ["-p", directory.path + "/", "-e", directory.file("error.log"), "-c", directory.file("nginx.conf")])
            try process.start()
            let server = NginxHTTP2Server(
                port: port, directory: directory, certificates: certificates, process: process)
            if try await server.waitUntilReady() { return server }
            lastLog = server.log
            await server.stop()
            guard lastLog.contains("Address already in use") else { break }
        }
        throw NginxServer.StartFailed(reason: "the HTTP/2 server did not answer /ready", log: lastLog)
    }

    /// True once `/ready` answers over HTTP/2; false when nginx exits or 10 s pass.
    private func waitUntilReady() async throws -> Bool {
        let arguments = ["-s", "--max-time", "2", "--cacert", certificates.ca, "-w", " %{http_version}", url("/ready")]
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning && ContinuousClock.now < deadline {
            let probe = try await ChildProcess.run("/usr/bin/curl", arguments, timeout: .seconds(5))
            if probe.stdoutText == "ready\n 2" { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    var log: String {
        ((try? String(contentsOfFile: directory.file("error.log"), encoding: .utf8)) ?? "") + process.stderrSoFar
    }

    func stop() async {
        process.send(SIGKILL)
        _ = try? await process.wait(timeout: .seconds(10))
    }
}

/// Runs `body` with an HTTP/2 nginx in a fresh directory, and always stops nginx and
/// removes the directory.
func withNginxHTTP2<T>(_ body: (NginxHTTP2Server) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        let nginx = try await NginxHTTP2Server.start(in: directory)
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
