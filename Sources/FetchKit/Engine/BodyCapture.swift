/// A body kept in memory, up to `limit` bytes (the rest is counted but dropped): robots.txt
/// files, which the frontier reads. Never used for the bodies of the jobs themselves.
///
/// One transfer uses it at a time: written on the thread performing it, read in its
/// completion, after it.
final class BodyCapture: @unchecked Sendable {  // guarded: by its one transfer's order
    let limit: Int
    private(set) var bytes: [UInt8] = []

    init(limit: Int) {
        self.limit = limit
    }

    func append(_ chunk: UnsafeRawBufferPointer) {
        let room = limit - bytes.count
        guard room > 0 else { return }
        bytes.append(contentsOf: chunk.prefix(room))
    }

    /// Forgets a failed attempt's body.
    func restart() {
        bytes.removeAll(keepingCapacity: true)
    }
}
