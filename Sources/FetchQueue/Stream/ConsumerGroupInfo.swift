/// One consumer group as `XINFO GROUPS` lists it (a flat `[name, cfetch, consumers, n,
/// pending, n, last-delivered-id, id, …, lag, n]` per group; fields this does not know
/// are skipped).
public struct ConsumerGroupInfo: Sendable, Equatable {
    /// Entries delivered to the group's consumers and not yet acknowledged.
    public var pending: Int
    /// The id of the last entry delivered to the group.
    public var lastDeliveredID: String
    /// Entries after `lastDeliveredID`, waiting to be delivered; nil when Redis cannot
    /// tell (an entry was deleted after the last delivered one) or does not say (before
    /// Redis 7.0).
    public var lag: Int?

    /// The group `name` in an `XINFO GROUPS` reply; nil when it is not listed, or listed
    /// without its pending count or last-delivered id.
    public static func named(_ name: String, in reply: RedisReply) -> ConsumerGroupInfo? {
        for group in reply.array ?? [] {
            let flat = group.array ?? []
            var fields: [String: RedisReply] = [:]
            for position in stride(from: 0, to: flat.count - 1, by: 2) {
                if let field = flat[position].string { fields[field] = flat[position + 1] }
            }
            guard fields["name"]?.string == name else { continue }
            guard let pending = fields["pending"]?.integer, let last = fields["last-delivered-id"]?.string else {
                return nil
            }
            return ConsumerGroupInfo(
                pending: Int(pending), lastDeliveredID: last, lag: fields["lag"]?.integer.map { Int($0) })
        }
        return nil
    }
}
