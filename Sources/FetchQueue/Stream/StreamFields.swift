/// A stream entry's fields as the server sent them, looked up by name: a field given twice
/// answers its last value, as a Redis client would show it.
///
/// Kept as the list it came in, not hashed into a dictionary: an entry has a handful of
/// fields, and a worker reads every entry it is given, so a scan is cheaper than hashing
/// each name.
struct StreamFields {
    private var pairs: [(name: String, value: String)] = []

    mutating func reserveCapacity(_ count: Int) {
        pairs.reserveCapacity(count)
    }

    mutating func append(name: String, value: String) {
        pairs.append((name, value))
    }

    /// The field's last value, nil when the entry has no such field.
    subscript(name: String) -> String? {
        pairs.last { $0.name == name }?.value
    }

    var isEmpty: Bool { pairs.isEmpty }

    /// Each field name once, in name order.
    var names: [String] { Set(pairs.map(\.name)).sorted() }
}
