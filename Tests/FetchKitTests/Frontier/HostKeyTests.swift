import Testing

@testable import FetchKit

/// The politeness key and the robots.txt target, read by the real libcurl's URL parser.
@Suite("HostKey and RobotsTarget")
struct HostKeyTests {
    @Test(
        "scheme, host and port as curl counts them",
        arguments: [
            ("http://example.org", "http", "example.org", 80),
            ("https://example.org/a/b?c#d", "https", "example.org", 443),
            ("https://example.org:8443/", "https", "example.org", 8443),
            ("http://example.org:443/", "http", "example.org", 443),
            ("HTTP://User:Secret@EXAMPLE.Org:80/Path", "http", "example.org", 80),
            ("http://127.0.0.1:3000/x", "http", "127.0.0.1", 3000),
            ("http://[::1]:8080/", "http", "[::1]", 8080),
            ("https://[2001:DB8::1]/", "https", "[2001:db8::1]", 443),
        ])
    func parts(url: String, scheme: String, host: String, port: Int) throws {
        let key = try #require(HostKey(url: url))
        #expect(key.scheme == scheme)
        #expect(key.host == host)
        #expect(key.port == port)
        #expect(key == HostKey(scheme: scheme, host: host, port: port))
    }

    @Test func oneHostHoweverItsURLsAreWritten() {
        let spellings = [
            "http://example.org", "http://example.org:80/", "HTTP://EXAMPLE.ORG/x?y#z", "http://me@example.org/",
            "http://me:pw@Example.Org:80/robots.txt",
        ]
        #expect(Set(spellings.compactMap(HostKey.init(url:))).count == 1)
        #expect(Set(spellings.compactMap(HostKey.init(url:))).first == HostKey(url: spellings[0]))
        let others = ["https://example.org", "http://example.org:8080", "http://www.example.org"]
        #expect(Set((spellings.prefix(1) + others).compactMap(HostKey.init(url:))).count == 4)
    }

    @Test func aNameOutsideASCIIIsKeptAsWrittenInLowerCase() throws {
        let written = try #require(HostKey(url: "http://BÜCHER.example/"))
        #expect(written.host == "bücher.example")
        #expect(written == HostKey(url: "http://bücher.example:80/x"))
    }

    @Test(
        "origin and robots.txt URL omit only the scheme's own port",
        arguments: [
            ("https://example.org/a", "https://example.org", "example.org:443"),
            ("http://example.org:80/a", "http://example.org", "example.org:80"),
            ("https://example.org:8443/a", "https://example.org:8443", "example.org:8443"),
            ("http://example.org:443/", "http://example.org:443", "example.org:443"),
            ("http://[::1]:8080/", "http://[::1]:8080", "[::1]:8080"),
        ])
    func origin(url: String, origin: String, description: String) throws {
        let key = try #require(HostKey(url: url))
        #expect(key.origin == origin)
        #expect(key.robotsURL == origin + "/robots.txt")
        #expect(key.description == description)
        #expect(HostKey(url: key.robotsURL) == key, "robots.txt is fetched from the same host")
    }

    @Test(
        "no key for what curl cannot parse or what has no host",
        arguments: [
            "", "example.org/path", "not a url", "http://", "http://exa mple.org/", "http://[::1/",
            "http://example.org:99999/", "http://example.org:port/", "file:///etc/passwd",
        ])
    func noKey(url: String) {
        #expect(HostKey(url: url) == nil)
    }

    @Test(
        "the robots.txt target is the path and query, without the fragment",
        arguments: [
            ("http://example.org", "/"),
            ("http://example.org/", "/"),
            ("http://user:pw@example.org:8080/a/b.html", "/a/b.html"),
            ("https://example.org/x/y?z=1&w=2#frag", "/x/y?z=1&w=2"),
            ("https://example.org/#frag", "/"),
            ("https://example.org?q", "/?q"),
            ("https://example.org/a/../b/./c", "/b/c"),
            ("https://example.org/%7Ejoe/%e3%83%84", "/%7Ejoe/%e3%83%84"),
        ])
    func robotsTarget(url: String, target: String) {
        #expect(RobotsTarget.of(url: url) == target)
    }

    @Test func noRobotsTargetForABadURL() {
        #expect(RobotsTarget.of(url: "http://[::1/") == nil)
        #expect(RobotsTarget.of(url: "") == nil)
    }
}
