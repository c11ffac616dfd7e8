import Foundation

/// PLACEHOLDER until issue9-b lands.
public struct RobotsRules: Sendable, Equatable {
    public static let allowAll = RobotsRules(disallowed: [], crawlDelay: nil)
    public static let disallowAll = RobotsRules(disallowed: ["/"], crawlDelay: nil)
    let disallowed: [String]
    public let crawlDelay: Double?
    init(disallowed: [String], crawlDelay: Double?) {
        self.disallowed = disallowed
        self.crawlDelay = crawlDelay
    }
    public init(parsing body: [UInt8], userAgent: String) {
        var disallowed: [String] = []
        var delay: Double?
        for line in String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0].lowercased() == "disallow" && !parts[1].isEmpty { disallowed.append(parts[1]) }
            if parts[0].lowercased() == "crawl-delay" { delay = Double(parts[1]) }
        }
        self.init(disallowed: disallowed, crawlDelay: delay)
    }
    public func allows(_ target: String) -> Bool {
        target == "/robots.txt" || !disallowed.contains { target.hasPrefix($0) }
    }
}
