/// One stream entry as XRANGE, XREADGROUP and XAUTOCLAIM answer it, `[id, [field, value,
/// …]]`, taken apart: the id, and the fields (`StreamFields`: by name, a field given twice
/// answering its last value, as a Redis client would show it).
///
/// Parsing never fails on an entry whose id is there: the fields are whatever could be
/// read (none when the field list is missing or nil), so that the caller can still
/// settle an entry it does not understand. nil only when the reply is not an entry at
/// all (no id).
struct StreamEntryReply {
    let id: String
    let fields: StreamFields

    init?(_ reply: RedisReply) {
        guard let pair = reply.array, pair.count == 2, let id = pair[0].string else { return nil }
        self.id = id
        var fields = StreamFields()
        if let flat = pair[1].array {
            fields.reserveCapacity(flat.count / 2)
            var position = 0
            while position + 1 < flat.count {
                if let name = flat[position].string, let value = flat[position + 1].string {
                    fields.append(name: name, value: value)
                }
                position += 2
            }
        }
        self.fields = fields
    }

    /// The entries of a reply that is a list of entries (XRANGE's answer, XAUTOCLAIM's
    /// second element), skipping anything that is not one.
    static func entries(of reply: RedisReply) -> [StreamEntryReply] {
        (reply.array ?? []).compactMap(StreamEntryReply.init)
    }

    /// The fields as `name=value` pairs in name order, for a message about an entry that
    /// could not be read (each value cut to 4,096 characters: whole enough to recover a
    /// line by hand, bounded for an entry that holds a megabyte).
    var fieldsDescription: String {
        guard !fields.isEmpty else { return "no fields" }
        return fields.names.map { name in
            let value = fields[name] ?? ""
            let shown = value.count > 4096 ? String(value.prefix(4096)) + "…" : value
            return "\(name)=\(shown.debugDescription)"
        }.joined(separator: " ")
    }
}
