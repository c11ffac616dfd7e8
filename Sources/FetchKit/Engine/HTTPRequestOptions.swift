/// What every request of a run sends beyond its URL, in curl's terms: the method (`-X`,
/// `-I`), the body (`-d`, `--data-binary`, `--json`), basic auth (`-u`) and cookies (`-b`,
/// `-c`). A JSONL input line may override the method, headers and body for its transfer
/// (`LineRequest`).
public struct HTTPRequestOptions: Sendable {
    /// `-X`: the method to send instead of the one the request implies (GET; POST with a
    /// body; HEAD with `-I`). nil keeps the implied one, so that redirects follow curl's
    /// rules: a 301, 302 or 303 turns an implied POST into a GET, a 307 or 308 keeps it.
    public var method: String?
    /// The body, read once at start-up and shared by every transfer; nil sends none.
    public var body: RequestBody?
    /// `-I`: HEAD, no body.
    public var headOnly = false
    /// `--json`: send `Content-Type` and `Accept` `application/json`, unless a header of
    /// that name is given.
    public var json = false
    /// `-u USER:PASS`: HTTP basic auth, sent only to the URL's own host, as curl does.
    public var credentials: Credentials?
    /// `-b NAME=VALUE`: cookies sent as given with every request (curl's `CURLOPT_COOKIE`).
    public var cookieHeader: String?
    /// `-b FILE` and `-c FILE`: the one cookie store of the run. A reference: every copy of
    /// these options (the robots.txt engine's too) shares it.
    public var cookies: CookieShare?

    public init() {}

    /// The headers `--json` adds, those the run's `-H` headers do not already name.
    func implicitHeaders(besides headers: [String]) -> [String] {
        guard json else { return [] }
        let named = Set(headers.map(HeaderName.of))
        return ["Content-Type: application/json", "Accept: application/json"].filter {
            !named.contains(HeaderName.of($0))
        }
    }
}

/// `-u`'s user and password. Its description hides the password, so a stray print of the
/// options cannot show it.
public struct Credentials: Sendable, CustomStringConvertible {
    public let user: String
    public let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    public var description: String { "\(user):***" }
}

/// A header's name as curl's `-H` takes it (`Name: value`, `Name;` for an empty value,
/// `Name:` to remove one), lowercased: HTTP header names compare without case.
enum HeaderName {
    static func of(_ header: String) -> String {
        let end = header.firstIndex { $0 == ":" || $0 == ";" } ?? header.endIndex
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let name = header[..<end].drop(while: isBlank)
        return String(name.reversed().drop(while: isBlank).reversed()).lowercased()
    }
}
