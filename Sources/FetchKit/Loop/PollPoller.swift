#if canImport(Glibc)
import Glibc
#endif

/// `poll(2)` over every watched descriptor each turn: the array is rebuilt only when a
/// watch changed, but the kernel walks all of it every time. Kept as `--poller poll`.
final class PollPoller: ReadinessPoller {
    private struct Watch {
        var events: Int16
        var registration: UInt32
    }

    private var watches: [Int32: Watch] = [:]
    private var pollSet: [pollfd] = []
    /// The registration each `pollSet` entry was built from.
    private var registrations: [UInt32] = []
    private var pollSetIsStale = true

    func register(fd: Int32, events: Int16, registration: UInt32) {
        watches[fd] = Watch(events: events, registration: registration)
        pollSetIsStale = true
    }

    func modify(fd: Int32, events: Int16, registration: UInt32) {
        register(fd: fd, events: events, registration: registration)
    }

    func deregister(fd: Int32) {
        if watches.removeValue(forKey: fd) != nil { pollSetIsStale = true }
    }

    func wait(timeout: Int32, _ ready: (_ fd: Int32, _ revents: Int16, _ registration: UInt32) -> Void) {
        if pollSetIsStale { rebuildPollSet() }
        let count = poll(&pollSet, nfds_t(pollSet.count), timeout)
        // `ready` may change the watches; it does not touch `pollSet` until the next wait.
        var remaining = Int(max(count, 0))
        var index = 0
        while remaining > 0 && index < pollSet.count {
            let entry = pollSet[index]
            let registration = registrations[index]
            index += 1
            guard entry.revents != 0 else { continue }
            remaining -= 1
            ready(entry.fd, entry.revents, registration)
        }
    }

    private func rebuildPollSet() {
        pollSet.removeAll(keepingCapacity: true)
        registrations.removeAll(keepingCapacity: true)
        for (fd, watch) in watches {
            pollSet.append(pollfd(fd: fd, events: watch.events, revents: 0))
            registrations.append(watch.registration)
        }
        pollSetIsStale = false
    }
}
