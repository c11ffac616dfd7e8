import Foundation

/// Where nginx and its echo module are. `make test-deps` (run by `make test`) installs
/// both (the packages `nginx` and `libnginx-mod-http-echo`), so a machine without them is
/// set up wrong: the third-party suite fails with this, saying what to run, instead of
/// skipping and passing unseen.
enum NginxInstallation {
    static let executable = "/usr/sbin/nginx"

    /// Where Debian and other distributions put the echo module (as `Benchmarks/lib.sh`'s
    /// `find_echo_module` looks).
    static let echoModuleCandidates = [
        "/usr/lib/nginx/modules/ngx_http_echo_module.so",
        "/usr/lib64/nginx/modules/ngx_http_echo_module.so",
        "/usr/share/nginx/modules/ngx_http_echo_module.so",
    ]

    struct Missing: Error, CustomStringConvertible {
        var what: String
        var looked: [String]
        var description: String {
            "\(what) is not installed (looked for \(looked.joined(separator: ", "))): run `make test-deps`, which "
                + "installs nginx and libnginx-mod-http-echo with apt-get; the third-party tests need both"
        }
    }

    /// The nginx binary and the echo module's path; throws `Missing` naming what is absent.
    static func locate(
        echoModuleCandidates candidates: [String] = echoModuleCandidates
    ) throws -> (
        executable: String, echoModule: String
    ) {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Missing(what: "nginx", looked: [executable])
        }
        guard let module = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw Missing(what: "nginx's echo module", looked: candidates)
        }
        return (executable, module)
    }
}
