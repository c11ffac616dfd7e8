import Testing

@testable import FetchKit

/// Which rule decides a path (RFC 9309 2.2.2): the RFC's own examples, Google's documented
/// precedence and path-matching examples, wildcards, `$`, and percent-encoding.
@Suite("RobotsRules matching")
struct RobotsMatchingTests {
    private static let rfcExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """

    @Test(
        "RFC 9309 5.1: groups by product token, and the * group for everyone else",
        arguments: [
            ("foobot/1.0", "/", false), ("foobot", "/example/page.html", true),
            ("FooBot/2 (+https://example.org)", "/example/allowed.gif", true), ("foobot", "/example/other.html", false),
            ("foobot", "/publications/", false),
            ("barbot", "/example/page.html", false), ("barbot/1", "/example/other.gif", true), ("barbot", "/", true),
            ("bazbot", "/example/page.html", false), ("bazbot", "/anything", true),
            ("quxbot", "/example/page.html", true), ("quxbot", "/a.gif", true),
            ("otherbot", "/a.gif", false), ("otherbot", "/example/", false), ("otherbot", "/example/a", false),
            ("otherbot", "/publications/", true), ("otherbot", "/publications/a.gif", true),
            ("otherbot", "/page.html", true), ("otherbot", "/a.gif?x=1", true), ("", "/example/", false),
        ])
    func rfcGroups(agent: String, target: String, allowed: Bool) {
        let rules = RobotsRules(parsing: Array(Self.rfcExample.utf8), userAgent: agent)
        #expect(rules.allows(target) == allowed)
    }

    @Test(
        "RFC 9309 5.2: the longest match wins",
        arguments: [
            ("/example/page/", true), ("/example/page/disallowed.gif", false), ("/example/page/ok.gif", true),
            ("/example/", true),
        ])
    func rfcLongestMatch(target: String, allowed: Bool) {
        let body = "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n"
        #expect(RobotsRules(parsing: Array(body.utf8), userAgent: "foobot").allows(target) == allowed)
    }

    @Test(
        "Google's precedence examples: longest first, and allow on a tie",
        arguments: [
            ("allow: /p\ndisallow: /", "/page", true),
            ("allow: /folder\ndisallow: /folder", "/folder/page", true),
            ("disallow: /folder\nallow: /folder", "/folder/page", true),
            ("allow: /page\ndisallow: /*.htm", "/page.htm", false),
            ("allow: /page\ndisallow: /*.ph", "/page.php5", true),
            ("allow: /$\ndisallow: /", "/", true),
            ("allow: /$\ndisallow: /", "/page.htm", false),
        ])
    func precedence(rules: String, target: String, allowed: Bool) {
        #expect(Self.star(rules).allows(target) == allowed)
    }

    @Test(
        "Google's path examples, and wildcards and $ (paths that match | paths that do not)",
        arguments: [
            (
                "/fish", "/fish /fish.html /fish/salmon.html /fishheads /fish.php?id=anything",
                "/Fish.asp /catfish /?id=fish /desert/fish"
            ),
            ("/fish*", "/fish /fishheads/yummy.html", "/Fish.asp /catfish"),
            ("/fish/", "/fish/ /fish/?id=anything /fish/salmon.htm", "/fish /fish.html /Fish/Salmon.asp"),
            (
                "/*.php", "/index.php /folder/filename.php?parameters /folder/any.php.file.html /filename.php/",
                "/ /windows.PHP"
            ),
            (
                "/*.php$", "/filename.php /folder/filename.php",
                "/filename.php?parameters /filename.php/ /filename.php5 /windows.PHP"
            ),
            ("/fish*.php", "/fish.php /fishheads/catfish.php?parameters", "/Fish.PHP /fish.ph"),
            ("*.gif$", "/a.gif /b/c.gif", "/a.gif?x /a.gifs"),
            ("/a*b*c", "/abc /axxbyyc /abcd /a/b/c/d", "/acb /ab /bac"),
            ("/a**b", "/ab /axb", "/a"),
            ("/a$b", "/a$b /a$bc", "/ab /a"),
            ("/a$", "/a", "/ab /a/"),
            ("/$", "/", "/a /?q"),
            ("/*/x$", "/a/b/x //x", "/a/b/x/ /x"),
            ("/a*b$", "/ab /abab /axxb", "/abc /a /aba"),
            ("/*aa$", "/aaa /aa /baa", "/a /aab"),
            ("*", "/ /anything?at=all", ""),
            ("/*", "/ /x", ""),
            ("/search?q=", "/search?q= /search?q=cats", "/search /search?p=1&q="),
            ("fish", "", "/fish"),
        ])
    func patterns(pattern: String, matching: String, notMatching: String) {
        let rules = Self.star("Disallow: \(pattern)")
        for target in matching.split(separator: " ") {
            #expect(!rules.allows(String(target)), "\(pattern) should match \(target)")
        }
        for target in notMatching.split(separator: " ") {
            #expect(rules.allows(String(target)), "\(pattern) should not match \(target)")
        }
    }

    @Test(
        "percent-encoding compared in one spelling on both sides (RFC 9309 2.2.2)",
        arguments: [
            ("/foo/bar?baz=quz", "/foo/bar?baz=quz", true),
            ("/foo/bar/ツ", "/foo/bar/%E3%83%84", true),
            ("/foo/bar/ツ", "/foo/bar/%e3%83%84", true),
            ("/foo/bar/%E3%83%84", "/foo/bar/%e3%83%84", true),
            ("/foo/bar/%e3%83%84", "/foo/bar/ツ", true),
            ("/foo/bar/%62%61%7A", "/foo/bar/baz", true),
            ("/foo/bar/baz", "/foo/bar/%62%61%7a", true),
            ("/~joe", "/%7Ejoe/", true),
            ("/%7ejoe", "/~joe", true),
            ("/a%2Fb", "/a%2fb", true),
            // Reserved characters stay encoded: %2F is not a path separator.
            ("/a%2Fb", "/a/b", false),
            ("/a/b", "/a%2Fb", false),
            ("/%41", "/A", true),
            // Not an escape: left as written.
            ("/100%", "/100%", true),
            ("/x%4", "/x%4", true),
            ("/x%zz", "/x%ZZ", false),
        ])
    func percentEncoding(pattern: String, target: String, matches: Bool) {
        #expect(Self.star("Disallow: \(pattern)").allows(target) == !matches)
    }

    @Test func invalidUTF8InARuleMatchesItsEscapedBytes() {
        let body = Array("User-agent: *\nDisallow: /".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let rules = RobotsRules(parsing: body, userAgent: "foobot")
        #expect(!rules.allows("/%FF%FE"))
        #expect(!rules.allows("/%ff%fe/x"))
        #expect(rules.allows("/%FF"))
    }

    @Test(
        "robots.txt itself is always allowed",
        arguments: ["/robots.txt", "/robots.txt?x=1"])
    func robotsFile(target: String) {
        #expect(RobotsRules.disallowAll.allows(target))
        #expect(Self.star("Disallow: /robots.txt").allows(target))
    }

    @Test func disallowAllAndAllowAll() {
        for target in ["/", "/x?y", "/robots.txt.bak", "/robots"] {
            #expect(!RobotsRules.disallowAll.allows(target))
            #expect(RobotsRules.allowAll.allows(target))
        }
        #expect(Self.star("Disallow: /") == .disallowAll)
        #expect(Self.star("Disallow:") == .allowAll)
    }

    private static func star(_ rules: String) -> RobotsRules {
        RobotsRules(parsing: Array("User-agent: *\n\(rules)\n".utf8), userAgent: "foobot/1.0")
    }
}
