/// Where a Redis server is and how to log in to it:
/// `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`, as redis-cli, redis-py and most clients
/// write it. Port 6379 and database 0 unless given; an IPv6 address goes in brackets
/// (`redis://[::1]:6380`); the user and password are percent-decoded, so a password with
/// `@` or `:` in it can be written (`%40`, `%3A`).
///
/// `description` hides the password (`redis://:***@host:6379/0`): the URL is printed in
/// messages and logs, and the password must not be.
public struct RedisURL: Sendable, Equatable, CustomStringConvertible {
    public static let defaultPort = 6379

    /// The host name or address, without brackets (`::1`, not `[::1]`).
    public var host: String
    public var port: Int
    /// The logical database `SELECT`ed after connecting.
    public var database: Int
    /// The ACL user (Redis 6 and later); nil logs in as the default user.
    public var user: String?
    /// nil: no `AUTH` at all.
    public var password: String?

    public init(host: String, port: Int = defaultPort, database: Int = 0, user: String? = nil, password: String? = nil)
    {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
    }

    /// Parses `text`; the error says which part is wrong without repeating the password.
    public init(parsing text: String) throws(RedisURLError) {
        let schemeEnd = text.firstRange(of: "://")
        guard let schemeEnd else {
            throw RedisURLError("it does not start with redis://")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "redis" else {
            if scheme == "rediss" {
                throw RedisURLError("TLS (rediss://) is not supported: Debian's hiredis 0.14 is built without it")
            }
            throw RedisURLError("the scheme must be redis://, not \(scheme)://")
        }
        var rest = text[schemeEnd.upperBound...]
        if rest.contains("?") || rest.contains("#") {
            throw RedisURLError("query parameters and fragments are not supported")
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var hostAndPort = rest
        if let at = rest.lastIndex(of: "@") {
            (user, password) = try Self.credentials(rest[..<at])
            hostAndPort = rest[rest.index(after: at)...]
        } else {
            user = nil
            password = nil
        }
        (host, port) = try Self.hostAndPort(hostAndPort)
        database = try Self.database(path)
    }

    /// `[USER]:PASSWORD`, percent-decoded; an empty user is the default one.
    private static func credentials(_ text: Substring) throws(RedisURLError) -> (user: String?, password: String?) {
        guard let colon = text.firstIndex(of: ":") else {
            throw RedisURLError(
                "the part before @ needs a colon: USER:PASSWORD, or :PASSWORD for the default user")
        }
        let user = try PercentDecoding.decode(text[..<colon], what: "user")
        let password = try PercentDecoding.decode(text[text.index(after: colon)...], what: "password")
        guard !password.isEmpty else {
            throw RedisURLError("the password after the colon is empty")
        }
        return (user.isEmpty ? nil : user, password)
    }

    /// `HOST[:PORT]` or `[IPV6][:PORT]`.
    private static func hostAndPort(_ text: Substring) throws(RedisURLError) -> (host: String, port: Int) {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw RedisURLError("the IPv6 address has no closing bracket")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw RedisURLError("only :PORT may follow the bracketed IPv6 address")
                }
                portText = after.dropFirst()
            }
        } else {
            let colons = text.filter { $0 == ":" }.count
            guard colons <= 1 else {
                throw RedisURLError("an IPv6 address goes in brackets: redis://[::1]:6379")
            }
            host = text
            if let colon = text.firstIndex(of: ":") {
                host = text[..<colon]
                portText = text[text.index(after: colon)...]
            }
        }
        guard !host.isEmpty else {
            throw RedisURLError("there is no host")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), isDigits(portText), (1...65535).contains(port) else {
            throw RedisURLError("the port must be a number from 1 to 65535, not '\(portText)'")
        }
        return (String(host), port)
    }

    /// The path: nothing, `/`, or `/DB`.
    private static func database(_ text: Substring) throws(RedisURLError) -> Int {
        guard !text.isEmpty else { return 0 }
        guard let database = Int(text), isDigits(text), database <= Int(Int32.max) else {
            throw RedisURLError("the database after the slash must be a number from 0 (the default), not '\(text)'")
        }
        return database
    }

    /// The URL with the password replaced by `***`, safe to print.
    public var description: String {
        var text = "redis://"
        if password != nil {
            text += (user.map(PercentDecoding.encode) ?? "") + ":***@"
        }
        text += host.contains(":") ? "[\(host)]" : host
        return text + ":\(port)/\(database)"
    }
}

/// Only 0-9: `Int("+5")` would take a sign.
private func isDigits(_ text: Substring) -> Bool {
    text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
}
