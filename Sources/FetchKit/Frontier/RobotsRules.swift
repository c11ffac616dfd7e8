/// What a host's robots.txt lets our user agent fetch (RFC 9309), and its `Crawl-delay`.
///
/// Parsed once per host; `allows` is called once per URL, so it works on UTF-8 bytes with
/// no regex, and the rules are kept in the order that makes the first match the answer.
public struct RobotsRules: Sendable, Equatable {
    /// The chosen group's rules, longest first and `Allow` before `Disallow` of the same
    /// length: RFC 9309 2.2.2's winner is then the first rule that matches.
    private let rules: [Rule]

    /// `Crawl-delay:` of the chosen group in seconds (a non-negative decimal), nil when absent or invalid.
    /// When the group has several (or merged groups do), the longest: the host asked for each.
    public let crawlDelay: Double?

    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)
    /// Everything but `/robots.txt` itself.
    public static let disallowAll = RobotsRules(
        rules: [Rule(allows: false, pattern: RobotsPattern(Array("/".utf8)))], crawlDelay: nil)

    struct Rule: Equatable {
        let allows: Bool
        let pattern: RobotsPattern
    }

    private init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules.enumerated()
            .sorted { lhs, rhs in
                if lhs.element.pattern.weight != rhs.element.pattern.weight {
                    return lhs.element.pattern.weight > rhs.element.pattern.weight
                }
                if lhs.element.allows != rhs.element.allows { return lhs.element.allows }
                return lhs.offset < rhs.offset
            }
            .map(\.element)
        self.crawlDelay = crawlDelay
    }

    /// The group for `userAgent`'s product token (the User-Agent up to its first "/" or space,
    /// matched case-insensitively against `user-agent:` lines; several user-agent lines may share a
    /// group; all groups that match are merged, per RFC 9309 2.2.1), else the `*` group, else allow all.
    ///
    /// A group is one or more `user-agent:` lines and the rules after them; the next
    /// `user-agent:` after a rule starts a new group. Rules before any `user-agent:` belong to
    /// no group. `Crawl-delay:` belongs to its group as a rule does; unknown keys (`Sitemap:`…)
    /// neither end a group nor start one.
    public init(parsing body: [UInt8], userAgent: String) {
        let product = Self.productToken(userAgent.utf8[...])
        var specific = GroupRules()
        var global = GroupRules()
        var inSpecific = false
        var inGlobal = false
        var afterRule = false
        for line in RobotsLines(body) {
            switch line.key {
            case .userAgent:
                if afterRule {
                    (inSpecific, inGlobal, afterRule) = (false, false, false)
                }
                let token = Self.productToken(line.value)
                if token.elementsEqual("*".utf8) {
                    inGlobal = true
                } else if !product.isEmpty, Self.equalIgnoringCase(token, product) {
                    inSpecific = true
                    specific.seen = true
                }
            case .allow, .disallow:
                guard inSpecific || inGlobal else { continue }
                afterRule = true
                // An empty path is no rule (RFC 9309 2.2.2: `Disallow:` alone allows all).
                guard !line.value.isEmpty else { continue }
                let rule = Rule(allows: line.key == .allow, pattern: RobotsPattern(line.value))
                if inSpecific { specific.rules.append(rule) }
                if inGlobal { global.rules.append(rule) }
            case .crawlDelay:
                guard inSpecific || inGlobal else { continue }
                // A member of its group, as a rule is: in the common `User-agent: a` /
                // `Crawl-delay: 3` / `User-agent: *` / `Disallow: /p`, a's group ends at the delay.
                afterRule = true
                guard let delay = PlainDecimal.parse(line.value), delay.isFinite else { continue }
                if inSpecific { specific.crawlDelay = max(specific.crawlDelay ?? 0, delay) }
                if inGlobal { global.crawlDelay = max(global.crawlDelay ?? 0, delay) }
            case .other:
                continue
            }
        }
        let chosen = specific.seen ? specific : global
        self.init(rules: chosen.rules, crawlDelay: chosen.crawlDelay)
    }

    /// RFC 9309 2.2.2: the longest matching rule wins (by the rule's length in octets); on a tie
    /// allow wins; `*` matches any sequence, a trailing `$` anchors the end; an empty `Disallow:`
    /// allows everything; `/robots.txt` itself is always allowed. Paths are compared after
    /// normalising percent-encoding the way RFC 9309 2.2.2 asks (decode %XX of unreserved chars,
    /// upper-case the hex of the others, encode non-ASCII as UTF-8 %XX) on both sides.
    ///
    /// `target` is what `RobotsTarget.of(url:)` gives: the path and query.
    public func allows(_ target: String) -> Bool {
        var target = target
        return target.withUTF8 { bytes in
            guard let normalised = RobotsPath.normalised(bytes) else { return allows(path: bytes) }
            return normalised.withUnsafeBufferPointer { allows(path: $0) }
        }
    }

    private func allows(path: UnsafeBufferPointer<UInt8>) -> Bool {
        if Self.isRobotsFile(path) { return true }
        return rules.first { $0.pattern.matches(path) }?.allows ?? true
    }

    private static func isRobotsFile(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = "/robots.txt".utf8
        let end = path.firstIndex(of: UInt8(ascii: "?")) ?? path.count
        return path[..<end].elementsEqual(name)
    }

    /// What one agent's lines collect: its rules, its delay, and whether any line named it.
    private struct GroupRules {
        var rules: [Rule] = []
        var crawlDelay: Double?
        var seen = false
    }

    /// A User-Agent's product token: up to its first `/` or blank (`cfetch/1.2 (+url)` → `cfetch`).
    private static func productToken<Bytes: Collection<UInt8>>(_ text: Bytes) -> Bytes.SubSequence {
        let start = text.drop(while: RobotsLines.isBlank)
        return start.prefix { $0 != UInt8(ascii: "/") && !RobotsLines.isBlank($0) }
    }

    private static func equalIgnoringCase(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { lower($0) == lower($1) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
