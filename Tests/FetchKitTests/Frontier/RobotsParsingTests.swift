import Testing

@testable import FetchKit

/// Reading a robots.txt as leniently as Google's parser does: groups and their merging, the
/// `*` fallback, Crawl-delay, line endings, comments, keys, limits and garbage.
@Suite("RobotsRules parsing")
struct RobotsParsingTests {
    private static func parse(_ text: String, agent: String = "foobot/1.0") -> RobotsRules {
        RobotsRules(parsing: Array(text.utf8), userAgent: agent)
    }

    @Test func groupsForOneAgentMergeAndSoDoStarGroups() {
        let body = """
            User-agent: foobot
            Disallow: /a
            User-agent: *
            Disallow: /b
            User-agent: FooBot
            Disallow: /c
            User-agent: *
            Disallow: /d
            """
        let foobot = Self.parse(body)
        #expect(!foobot.allows("/a") && !foobot.allows("/c"))
        #expect(foobot.allows("/b") && foobot.allows("/d"))
        let other = Self.parse(body, agent: "otherbot")
        #expect(!other.allows("/b") && !other.allows("/d"))
        #expect(other.allows("/a") && other.allows("/c"))
    }

    @Test func severalAgentLinesShareTheirGroup() {
        let body = "User-agent: a\nUser-agent: FOOBOT/3.1\nUser-agent: *\nDisallow: /x\nUser-agent: b\nDisallow: /y\n"
        for agent in ["foobot", "a", "zbot"] {
            #expect(!Self.parse(body, agent: agent).allows("/x"))
            #expect(Self.parse(body, agent: agent).allows("/y"))
        }
        #expect(!Self.parse(body, agent: "b").allows("/y"))
        #expect(Self.parse(body, agent: "b").allows("/x"))
    }

    @Test(
        "unknown keys neither end nor start a group",
        arguments: ["Sitemap: https://example.org/sitemap.xml", "Host: example.org", "Noindex: /z", "Visit-time: 0600"])
    func unknownKeysKeepTheGroup(line: String) {
        let body = "User-agent: foobot\n\(line)\nUser-agent: otherbot\nDisallow: /x\n"
        #expect(!Self.parse(body).allows("/x"))
        #expect(!Self.parse(body, agent: "otherbot").allows("/x"))
    }

    @Test func crawlDelayBelongsToItsGroupAsARuleDoes() {
        let body = "User-agent: foobot\nCrawl-delay: 3\n\nUser-agent: *\nCrawl-delay: 7\nDisallow: /private\n"
        #expect(Self.parse(body).crawlDelay == 3)
        #expect(Self.parse(body).allows("/private"))
        #expect(Self.parse(body, agent: "otherbot").crawlDelay == 7)
        #expect(!Self.parse(body, agent: "otherbot").allows("/private"))
    }

    @Test func rulesBeforeAnyAgentBelongToNoGroup() {
        let rules = Self.parse("Disallow: /\nCrawl-delay: 9\nUser-agent: *\nDisallow: /x\n")
        #expect(rules.allows("/y"))
        #expect(!rules.allows("/x"))
        #expect(rules.crawlDelay == nil)
    }

    @Test func aMatchingGroupWinsOverStarEvenWhenEmptyOrEmptyDisallow() {
        #expect(Self.parse("User-agent: *\nDisallow: /\n\nUser-agent: foobot\n").allows("/x"))
        #expect(Self.parse("User-agent: foobot\nDisallow:\n\nUser-agent: *\nDisallow: /\n").allows("/x"))
        #expect(!Self.parse("User-agent: foobot\nDisallow:\n\nUser-agent: *\nDisallow: /\n", agent: "o").allows("/x"))
    }

    @Test(
        "the product token is the User-Agent up to / or a blank, matched whole and without case",
        arguments: [
            ("FooBot/2.1 (+https://example.org/bot)", "foobot", true), ("foobot", "FOOBOT", true),
            ("foobot 2.1", "foobot/9", true), ("foobot", "foo", false), ("foo", "foobot", false),
            ("foobot", "foobotx", false), ("foobot", "*foobot", false),
            ("", "foobot", false), ("/1.0", "foobot", false), ("cfetch2/0.1", "cfetch2", true),
        ])
    func productToken(agent: String, agentLine: String, specific: Bool) {
        let body = "User-agent: \(agentLine)\nDisallow: /mine\n\nUser-agent: *\nDisallow: /others\n"
        let rules = Self.parse(body, agent: agent)
        #expect(rules.allows("/mine") == !specific)
        #expect(rules.allows("/others") == specific)
    }

    @Test func aStarFollowedByABlankIsTheStarGroup() {
        let body = "User-agent: * foobot\nDisallow: /a\n\nUser-agent: otherbot\nDisallow: /b\n"
        #expect(!Self.parse(body, agent: "anybot").allows("/a"))
        #expect(Self.parse(body, agent: "anybot").allows("/b"))
    }

    @Test(
        "Crawl-delay of the chosen group",
        arguments: [
            ("User-agent: foobot\nCrawl-delay: 5", 5.0), ("User-agent: foobot\ncrawl-delay : 2.5 # slow", 2.5),
            ("User-agent: foobot\nCrawl-delay: 0", 0), ("User-agent: foobot\nCrawl-delay: .5", 0.5),
            ("User-agent: foobot\nCrawl-delay: 1\nDisallow: /x\nCrawl-delay: 4\nCrawl-delay: 2", 4),
            ("User-agent: foobot\nCrawl-delay: 3\nUser-agent: *\nCrawl-delay: 7", 3),
            ("User-agent: foobot\nUser-agent: *\nCrawl-delay: 7", 7),
            ("User-agent: *\nCrawl-delay: 7", 7),
            ("User-agent: foobot\nCrawl-delay: -1", nil), ("User-agent: foobot\nCrawl-delay: abc", nil),
            ("User-agent: foobot\nCrawl-delay: 1e3", nil), ("User-agent: foobot\nCrawl-delay: 10s", nil),
            ("User-agent: foobot\nCrawl-delay:", nil), ("User-agent: foobot\nDisallow: /", nil),
            ("User-agent: otherbot\nCrawl-delay: 5", nil),
            ("User-agent: foobot\nDisallow: /\nUser-agent: *\nCrawl-delay: 7", nil),
        ] as [(String, Double?)])
    func crawlDelay(body: String, delay: Double?) {
        #expect(Self.parse(body).crawlDelay == delay)
    }

    @Test(
        "CR, LF and CRLF end lines alike",
        arguments: ["\n", "\r", "\r\n", "\n\n", "\r\n\r\n"])
    func lineEndings(end: String) {
        let lines = ["User-agent: otherbot", "Disallow: /", "User-agent: foobot", "Disallow: /x", "Allow: /x/y"]
        let rules = Self.parse(lines.joined(separator: end))
        #expect(!rules.allows("/x"))
        #expect(rules.allows("/x/y") && rules.allows("/z"))
        #expect(rules == Self.parse(lines.joined(separator: "\n")))
    }

    @Test func aByteOrderMarkOrItsStartIsSkipped() {
        for mark: [UInt8] in [[0xEF, 0xBB, 0xBF], [0xEF, 0xBB], [0xEF]] {
            let rules = RobotsRules(parsing: mark + Array("User-agent: *\nDisallow: /x\n".utf8), userAgent: "foobot")
            #expect(!rules.allows("/x"))
        }
    }

    @Test func keysCommentsAndBlanks() {
        let body = """
            # User-agent: foobot
            USER-AGENT :\tFooBot # our bot
              Disallow\t:\t/a   # not /a#
            disallow:/b
            Disallow /c
            Dissallow: /d
            useragent: other
            user agent: FOOBOT
            Disallow: /e
            Allow: # nothing
            """
        let rules = Self.parse(body)
        #expect(!rules.allows("/a") && !rules.allows("/b") && !rules.allows("/d") && !rules.allows("/e"))
        #expect(rules.allows("/c"), "a line without a colon is skipped")
        #expect(rules.allows("/f"))
    }

    @Test func onlyTheFirst500KiBAreRead() {
        let header = Array("User-agent: *\nDisallow: /early\n".utf8)
        let limit = 500 * 1024
        func body(filler: Int, tail: String) -> [UInt8] {
            header + Array(repeating: UInt8(ascii: "#"), count: filler) + Array("\n\(tail)".utf8)
        }
        // "\nDisallow: /late" ends exactly at the limit: read.
        let fits = body(filler: limit - header.count - 16, tail: "Disallow: /late\nDisallow: /beyond")
        #expect(!RobotsRules(parsing: fits, userAgent: "foobot").allows("/late"))
        #expect(RobotsRules(parsing: fits, userAgent: "foobot").allows("/beyond"))
        // A line cut by the limit is dropped, not read short (it would disallow all of /l).
        let cut = body(filler: limit - header.count - 10, tail: "Disallow: /late\n")
        #expect(RobotsRules(parsing: cut, userAgent: "foobot").allows("/late"))
        #expect(RobotsRules(parsing: cut, userAgent: "foobot").allows("/l"))
        #expect(!RobotsRules(parsing: cut, userAgent: "foobot").allows("/early"))
        let past = body(filler: limit, tail: "Disallow: /late\n")
        #expect(RobotsRules(parsing: past, userAgent: "foobot").allows("/late"))
    }

    @Test func aVeryLongLineIsReadCutAndTheNextLineStillCounts() {
        let long = "/" + String(repeating: "a", count: 20_000)
        let rules = Self.parse("User-agent: *\nDisallow: \(long)x\nDisallow: /b\n")
        #expect(!rules.allows(long))
        #expect(!rules.allows("/b"))
        #expect(rules.allows("/aaa"))
    }

    @Test(
        "what is not a robots.txt allows all",
        arguments: [
            "", "\n\n", "<html><head><title>404</title></head><body>Not found</body></html>",
            "{\"error\": \"not found\"}", "Disallow: /", "User-agent: *", "User-agent:\nDisallow: /",
        ])
    func notARobotsFile(body: String) {
        #expect(Self.parse(body) == .allowAll)
    }

    @Test func garbageNeitherCrashesNorBreaksTheLinesAroundIt() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let noise = (0..<Int.random(in: 0..<2_000, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let rules = RobotsRules(parsing: noise, userAgent: "foobot")
            #expect(rules.allows("/robots.txt"))
            let framed = Array("User-agent: *\nDisallow: /x\n".utf8) + noise + Array("\nDisallow: /y\n".utf8)
            let sandwich = RobotsRules(parsing: framed, userAgent: "foobot")
            #expect(!sandwich.allows("/x"))
        }
        let nul = Array("User-agent: *\n\u{0}\u{0}\nDisallow: /x\n".utf8)
        #expect(!RobotsRules(parsing: nul, userAgent: "foobot").allows("/x"))
    }
}
