import FetchQueue
import Testing

/// `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`: what each part becomes, what is refused
/// and why, and that the password never shows.
@Suite("Redis URLs")
struct RedisURLTests {
    struct Good: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: RedisURL
        var testDescription: String { text }
    }

    static let good: [Good] = [
        Good(text: "redis://localhost", expected: RedisURL(host: "localhost")),
        Good(text: "redis://localhost/", expected: RedisURL(host: "localhost")),
        Good(text: "REDIS://cache.example:6380", expected: RedisURL(host: "cache.example", port: 6380)),
        Good(text: "redis://10.0.0.5:7000/3", expected: RedisURL(host: "10.0.0.5", port: 7000, database: 3)),
        Good(text: "redis://[::1]", expected: RedisURL(host: "::1")),
        Good(text: "redis://[::1]:6390/2", expected: RedisURL(host: "::1", port: 6390, database: 2)),
        Good(text: "redis://:s3cret@host", expected: RedisURL(host: "host", password: "s3cret")),
        Good(
            text: "redis://alice:s3cret@host:1/15",
            expected: RedisURL(host: "host", port: 1, database: 15, user: "alice", password: "s3cret")),
        Good(text: "redis://:p%40ss%3Aw%2Fd@host", expected: RedisURL(host: "host", password: "p@ss:w/d")),
        Good(text: "redis://:p@ss@host", expected: RedisURL(host: "host", password: "p@ss")),
        Good(
            text: "redis://al%20ice:%E2%9C%93@host",
            expected: RedisURL(host: "host", user: "al ice", password: "\u{2713}")),
    ]

    @Test("a good URL's parts", arguments: good)
    func parses(_ good: Good) throws {
        #expect(try RedisURL(parsing: good.text) == good.expected)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        /// Words the error must say.
        var reason: String
        var testDescription: String { text }
    }

    static let bad: [Bad] = [
        Bad(text: "localhost:6379", reason: "does not start with redis://"),
        Bad(text: "http://localhost", reason: "the scheme must be redis://, not http://"),
        Bad(text: "rediss://localhost", reason: "TLS (rediss://) is not supported"),
        Bad(text: "redis://", reason: "there is no host"),
        Bad(text: "redis://:6379", reason: "there is no host"),
        Bad(text: "redis://host:", reason: "the port must be a number from 1 to 65535, not ''"),
        Bad(text: "redis://host:abc", reason: "the port must be a number from 1 to 65535, not 'abc'"),
        Bad(text: "redis://host:0", reason: "not '0'"),
        Bad(text: "redis://host:65536", reason: "not '65536'"),
        Bad(text: "redis://host:+80", reason: "not '+80'"),
        Bad(text: "redis://host/db1", reason: "the database after the slash must be a number from 0"),
        Bad(text: "redis://host/-1", reason: "not '-1'"),
        Bad(text: "redis://host/1/2", reason: "not '1/2'"),
        Bad(text: "redis://host/99999999999", reason: "not '99999999999'"),
        Bad(text: "redis://::1:6379", reason: "an IPv6 address goes in brackets"),
        Bad(text: "redis://[::1", reason: "no closing bracket"),
        Bad(text: "redis://[::1]6379", reason: "only :PORT may follow"),
        Bad(text: "redis://s3cret@host", reason: "the part before @ needs a colon"),
        Bad(text: "redis://alice:@host", reason: "the password after the colon is empty"),
        Bad(text: "redis://:bad%zz@host", reason: "the password has a % that is not followed by two hexadecimal"),
        Bad(text: "redis://:%FF@host", reason: "the password is not UTF-8"),
        Bad(text: "redis://host?timeout=1", reason: "query parameters"),
    ]

    @Test("a bad URL is refused, saying what is wrong", arguments: bad)
    func refuses(_ bad: Bad) {
        #expect {
            try RedisURL(parsing: bad.text)
        } throws: { error in
            let text = "\(error)"
            return text.contains(bad.reason) && text.hasPrefix("invalid Redis URL: ")
        }
    }

    @Test("the description hides the password, and names the defaults")
    func redactsPassword() throws {
        #expect("\(try RedisURL(parsing: "redis://:s3cret@host"))" == "redis://:***@host:6379/0")
        #expect("\(try RedisURL(parsing: "redis://alice:s3cret@[::1]:6390/4"))" == "redis://alice:***@[::1]:6390/4")
        #expect("\(try RedisURL(parsing: "redis://host"))" == "redis://host:6379/0")
        #expect("\(RedisURL(host: "h", user: "a:b", password: "x"))" == "redis://a%3Ab:***@h:6379/0")
    }

    @Test("an error never repeats the password")
    func errorHidesPassword() {
        #expect {
            try RedisURL(parsing: "redis://:s3cret@host:notaport")
        } throws: { error in
            !"\(error)".contains("s3cret")
        }
    }
}
