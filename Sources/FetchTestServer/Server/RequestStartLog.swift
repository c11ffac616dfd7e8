/// The latest request starts of one port, at most `capacity` of them: once full, each new
/// start overwrites the oldest, so memory stays flat however many requests a run makes.
struct RequestStartLog {
    /// Enough for every request of the tests and of a 100,000-URL benchmark spread over hosts.
    static let defaultCapacity = 100_000

    let capacity: Int
    private var entries: [RequestStart] = []
    /// Where the oldest entry sits once the log is full (and where the next one goes).
    private var oldest = 0

    init(capacity: Int = Self.defaultCapacity) {
        precondition(capacity > 0, "a request start log needs room for at least one start")
        self.capacity = capacity
    }

    mutating func append(_ start: RequestStart) {
        if entries.count < capacity {
            entries.append(start)
        } else {
            entries[oldest] = start
            oldest = (oldest + 1) % capacity
        }
    }

    /// Oldest first.
    var inArrivalOrder: [RequestStart] {
        Array(entries[oldest...] + entries[..<oldest])
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        oldest = 0
    }
}
