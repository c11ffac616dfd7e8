import Testing

@testable import FetchKit

/// The syntax of `--resolve`, `--connect-to`, `-x` and `-E` as curl reads it: what passes,
/// what is refused (libcurl would skip it without a word), and how a proxy password is hidden.
@Suite("Connection option syntax")
struct ConnectionSyntaxTests {
    @Test(
        "--resolve entries curl takes",
        arguments: [
            "example.org:443:127.0.0.1", "+example.org:80:10.0.0.1", "*:8080:127.0.0.1", "a:0:::1",
            "a:80:[2001:db8::1]", "a:80:127.0.0.1,[::1],10.0.0.2",
        ])
    func resolveAccepted(entry: String) throws {
        try ResolveEntry.check(entry)
    }

    @Test(
        "--resolve entries curl would skip",
        arguments: [
            "example.org", "example.org:443", ":443:127.0.0.1", "a:65536:127.0.0.1", "a:-1:127.0.0.1",
            "a: 80:127.0.0.1", "a:80:", "a:80:localhost", "a:80:127.0.0.1,", "a:80:[127.0.0.1]", "a:80:1.2.3",
        ])
    func resolveRefused(entry: String) {
        #expect(throws: UsageError.self) { try ResolveEntry.check(entry) }
    }

    @Test(
        "--connect-to entries curl takes",
        arguments: [
            "example.org:443:other.org:8443", "::127.0.0.1:8080", ":::", "a:80::", "[::1]:80:[::2]:81",
            "a:80:[2001:db8::1]:",
        ])
    func connectToAccepted(entry: String) throws {
        try ConnectToEntry.check(entry)
    }

    @Test(
        "--connect-to entries curl would refuse",
        arguments: [
            "a:80:b", "a:80:b:81:", "a:http:b:81", "a:80:b:0", "a:80:b:65536", "[::1:80:b:81", "[nope]:80:b:81",
            "a:80:b:81:extra",
        ])
    func connectToRefused(entry: String) {
        #expect(throws: UsageError.self) { try ConnectToEntry.check(entry) }
    }

    @Test(
        "-x values",
        arguments: [
            ("proxy.example", true), ("proxy.example:3128", true), ("http://u:p@proxy.example:3128", true),
            ("socks5h://127.0.0.1:1080", true), ("HTTPS://proxy.example", true), ("", true),
            ("ftp://proxy.example", false), ("proxy.example:99999", false), ("http://", false), ("u:p@", false),
        ])
    func proxy(value: String, accepted: Bool) {
        let refused = (try? ProxyAddress.check(value)) == nil
        #expect(refused == !accepted, "\(value)")
    }

    @Test(
        "a proxy's password is shown as ***, with a scheme or without",
        arguments: [
            ("http://user:secret@proxy:3128", "http://user:***@proxy:3128"),
            ("user:secret@proxy:3128", "user:***@proxy:3128"),
            ("user@proxy", "user@proxy"),
            ("proxy:3128", "proxy:3128"),
        ])
    func proxyRedacted(proxy: String, shown: String) {
        #expect(ProxyAddress.redacted(proxy) == shown)
    }

    @Test(
        "curl's messages that quote a proxy hide its password; others are untouched",
        arguments: [
            (
                "Unsupported proxy scheme for 'gopher://u:secret@h:1'",
                "Unsupported proxy scheme for 'gopher://u:***@h:1'"
            ),
            ("Unsupported proxy syntax in 'u:secret@h:1:x'", "Unsupported proxy syntax in 'u:***@h:1:x'"),
            ("Failed to connect to h port 1: Couldn't connect", "Failed to connect to h port 1: Couldn't connect"),
            ("Could not resolve host: a@b", "Could not resolve host: a@b"),
        ])
    func curlMessage(message: String, shown: String) {
        #expect(CurlMessageRedaction.redact(message) == shown)
    }

    @Test("a refused proxy's message hides its password")
    func refusedProxyMessage() {
        #expect {
            try ProxyAddress.check("gopher://user:secret@proxy")
        } throws: { error in
            "\(error)".contains("user:***@proxy") && !"\(error)".contains("secret")
        }
    }

    @Test(
        "-E CERTIFICATE[:PASSWORD], with \\: and \\\\ escaped, and pkcs11: URIs whole",
        arguments: [
            ("client.pem", "client.pem", nil),
            ("client.pem:pass", "client.pem", "pass"),
            ("client.pem:pa:ss", "client.pem", "pa:ss"),
            ("c\\:\\\\dir\\client.pem:pw", "c:\\dir\\client.pem", "pw"),
            ("pkcs11:token=a;object=b", "pkcs11:token=a;object=b", nil),
            ("client.pem:", "client.pem", ""),
        ] as [(String, String, String?)])
    func certificateArgument(argument: String, certificate: String, password: String?) {
        let parsed = CertificateArgument(parsing: argument)
        #expect(parsed.certificate == certificate && parsed.password == password, "\(parsed)")
    }
}
