import FetchKit

/// The stream entries this worker has claimed and not yet settled, by entry id: the reader
/// adds each as it claims it, the settler looks it up for its record's `queue_id` and takes
/// it out once the stream knows the outcome. What is left at the end was claimed and never
/// settled (cancelled, or its record never reached stdout): it stays pending in the group,
/// for another worker to claim after `--claim-idle`.
final class ClaimedEntries: Sendable {
    private let entries = Locked<[String: QueueEntry]>([:])

    func add(_ entry: QueueEntry) {
        entries.withLock { $0[entry.id] = entry }
    }

    func entry(id: String) -> QueueEntry? {
        entries.withLock { $0[id] }
    }

    func remove(ids: [String]) {
        entries.withLock { entries in
            for id in ids { entries[id] = nil }
        }
    }

    var count: Int { entries.withLock { $0.count } }
}
