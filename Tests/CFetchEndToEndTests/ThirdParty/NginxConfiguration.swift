import Foundation

/// The ports of one private nginx: the HTTP origin, a forward proxy for http URLs in front
/// of it, and (with certificates) TLS, and TLS that requires a client certificate.
struct NginxPorts: Sendable {
    var origin: Int
    var proxy: Int
    var tls: Int
    var clientTLS: Int
}

/// The private `nginx.conf` the third-party tests run: one process (`daemon off`,
/// `master_process off`, so the test's child is the server and a kill ends it), every path
/// nginx would take from its build defaults (pid, logs, temp files) inside the test's
/// directory, so it runs as root or not and never touches the system's nginx.
struct NginxConfiguration {
    var directory: String
    var echoModule: String
    var ports: NginxPorts
    /// What every server's `/ready` answers, so the start-up probe knows it reached this
    /// nginx and not whoever else took one of the ports.
    var readyToken: String
    /// The TLS servers are there only with certificates (making them costs a second).
    var certificates: TestCertificates?

    /// `/echo` writes one `name=value` line per thing a request option changes; a body
    /// within `client_body_buffer_size` stays in memory, where `$request_body` reads it.
    /// Each directive on a line of its own, `indent` spaces in, for a readable dump.
    private static func echoDirectives(indent: Int) -> String {
        let directives = [
            "echo_read_request_body;",
            #"echo "method=$request_method";"#,
            #"echo "body=$request_body";"#,
            #"echo "cookie=$http_cookie";"#,
            #"echo "ctype=$content_type";"#,
            #"echo "accept=$http_accept";"#,
            #"echo "x=$http_x_test";"#,
            #"echo "host=$http_host";"#,
            #"echo "proxied=$http_x_proxied";"#,
        ]
        return directives.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    var text: String {
        """
        load_module \(echoModule);
        daemon off;
        master_process off;
        worker_processes 1;
        pid \(directory)/nginx.pid;
        error_log \(directory)/error.log warn;

        events { worker_connections 64; }

        http {
            access_log off;
            default_type text/plain;
            client_body_buffer_size 1m;
            client_max_body_size 1m;
            client_body_temp_path \(directory)/tmp/body;
            proxy_temp_path \(directory)/tmp/proxy;
            fastcgi_temp_path \(directory)/tmp/fastcgi;
            uwsgi_temp_path \(directory)/tmp/uwsgi;
            scgi_temp_path \(directory)/tmp/scgi;

            server {
                listen 127.0.0.1:\(ports.origin);
                location = /ready { return 200 "\(readyToken)\\n"; }
                location = /echo {
                    \(Self.echoDirectives(indent: 12))
                }
                location = /auth {
                    auth_basic "cfetch";
                    auth_basic_user_file \(directory)/htpasswd;
                    echo "user=$remote_user";
                }
                location = /set-cookie { add_header Set-Cookie "sid=abc123; Path=/"; echo ok; }
                location = /head { echo "head body"; }
                location = /r301 { return 301 /echo; }
                location = /r302 { return 302 /echo; }
                location = /r303 { return 303 /echo; }
                location = /r307 { return 307 /echo; }
                location = /r308 { return 308 /echo; }
            }

            # A forward proxy for http URLs: it takes absolute-form requests and marks them.
            server {
                listen 127.0.0.1:\(ports.proxy);
                location / {
                    proxy_pass http://127.0.0.1:\(ports.origin);
                    proxy_set_header X-Proxied yes;
                }
            }
        \(tlsServers)
        }

        """
    }

    private var tlsServers: String {
        guard let certificates else { return "" }
        return """

                server {
                    listen 127.0.0.1:\(ports.tls) ssl;
                    ssl_certificate \(certificates.serverCertificate);
                    ssl_certificate_key \(certificates.serverKey);
                    location = /ready { return 200 "\(readyToken)\\n"; }
                    location = /echo {
                        \(Self.echoDirectives(indent: 12))
                    }
                }

                server {
                    listen 127.0.0.1:\(ports.clientTLS) ssl;
                    ssl_certificate \(certificates.serverCertificate);
                    ssl_certificate_key \(certificates.serverKey);
                    ssl_client_certificate \(certificates.ca);
                    ssl_verify_client on;
                    location = /ready { return 200 "\(readyToken)\\n"; }
                    location = /echo { echo "client=$ssl_client_s_dn"; }
                }
            """
    }
}
