extension QueueEntry {
    /// The entries of a stream read's reply, `[[stream, [entry, …]], …]` (`XREADGROUP`; a
    /// nil reply has none), each with `deliveries`.
    ///
    /// An entry as cfetch writes it (`index`, `line`, and maybe `format`, `failures`,
    /// `error`, all well-formed) is read where hiredis holds it: the worker reads every
    /// entry it is given, and copying each whole into a `RedisReply`, then a `StreamEntryReply`,
    /// cost more than the rest of its claim. Any other entry is copied and read as
    /// `init(_:deliveries:)` reads it, which also says what is wrong with it; the two
    /// readings agree on every entry the first one takes.
    static func entries(ofStreamRead reply: borrowing RedisReplyView, deliveries: Int) -> [QueueEntry] {
        var entries: [QueueEntry] = []
        for stream in 0..<reply.count {
            reply.withElement(stream) { stream in
                guard stream.count == 2 else { return }
                stream.withElement(1) { list in
                    entries.reserveCapacity(entries.count + list.count)
                    for position in 0..<list.count {
                        let entry = list.withElement(position) { entry in
                            wellFormed(entry, deliveries: deliveries)
                                ?? StreamEntryReply(entry.copy).map { QueueEntry($0, deliveries: deliveries) }
                        }
                        if let entry { entries.append(entry) }
                    }
                }
            }
        }
        return entries
    }

    /// `entry` read in place when it is well-formed and has only the fields cfetch writes;
    /// nil otherwise.
    private static func wellFormed(_ entry: borrowing RedisReplyView, deliveries: Int) -> QueueEntry? {
        guard entry.count == 2, let id = entry.withElement(0, { $0.string }) else { return nil }
        return entry.withElement(1) { fields -> QueueEntry? in
            guard fields.isArray, fields.count % 2 == 0 else { return nil }
            var index: Int?
            var line: String?
            var format = QueueLineFormat.url
            var failures = 0
            var lastError: String?
            var position = 0
            while position < fields.count {
                let read = fields.withElement(position) { name in
                    fields.withElement(position + 1) { value -> Bool in
                        if name.isString("index") {
                            index = value.nonNegativeInteger
                            return index != nil
                        } else if name.isString("line") {
                            line = value.string
                            return line != nil
                        } else if name.isString("format") {
                            if value.isString("url") {
                                format = .url
                            } else if value.isString("jsonl") {
                                format = .jsonl
                            } else {
                                return false
                            }
                            return true
                        } else if name.isString("failures") {
                            guard let count = value.nonNegativeInteger else { return false }
                            failures = count
                            return true
                        } else if name.isString("error") {
                            lastError = value.string
                            return lastError != nil
                        }
                        return false
                    }
                }
                guard read else { return nil }
                position += 2
            }
            guard let index, let line else { return nil }
            return QueueEntry(
                id: id, index: index, line: line, format: format, failures: failures, lastError: lastError,
                deliveries: deliveries)
        }
    }
}
