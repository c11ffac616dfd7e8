import CLinuxSystem

#if canImport(Glibc)
import Glibc
#endif

/// `epoll(7)`, level-triggered: the kernel keeps the watched set, and a turn costs what
/// is ready rather than what is watched. The default poller.
///
/// Each event carries its descriptor and its registration in `epoll_event.data`, so
/// readiness polled for a number that was closed and reused within a turn is told apart
/// by the loop. A closed descriptor leaves the epoll set by itself, so the kernel's
/// view can lag the loop's: `modify` of a number the kernel no longer holds adds it,
/// `register` of one it still holds modifies it, and `deregister` of one it dropped is
/// done already.
final class EpollPoller: ReadinessPoller {
    private let epollFD: Int32
    /// Reused by every wait; doubled (up to `maxEvents`) when a wait fills it.
    private var events: [epoll_event]
    private static let maxEvents = 8192
    /// Watches the kernel refused (no memory, the user's watch limit): reported as errors
    /// at the next wait, so curl fails their transfers instead of waiting for ever.
    private var refused: [(fd: Int32, registration: UInt32)] = []

    init() throws(SystemCallError) {
        let fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SystemCallError(call: "epoll_create1", errno: errno) }
        epollFD = fd
        events = Array(repeating: epoll_event(), count: 256)
    }

    deinit { close(epollFD) }

    func register(fd: Int32, events: Int16, registration: UInt32) {
        if control(EPOLL_CTL_ADD, fd: fd, events: events, registration: registration) == 0 { return }
        // Still in the set: the same open socket was watched before and never dropped.
        if errno == EEXIST, control(EPOLL_CTL_MOD, fd: fd, events: events, registration: registration) == 0 {
            return
        }
        refused.append((fd, registration))
    }

    func modify(fd: Int32, events: Int16, registration: UInt32) {
        if control(EPOLL_CTL_MOD, fd: fd, events: events, registration: registration) == 0 { return }
        switch errno {
        case EBADF:
            // Closed: nothing to watch, and curl says so next.
            return
        case ENOENT:
            // Closed and its number reused without a word: the set dropped the old socket.
            if control(EPOLL_CTL_ADD, fd: fd, events: events, registration: registration) == 0 { return }
        default: break
        }
        refused.append((fd, registration))
    }

    func deregister(fd: Int32) {
        // ENOENT, EBADF: closed already, and so out of the set.
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
    }

    func wait(timeout: Int32, _ ready: (_ fd: Int32, _ revents: Int16, _ registration: UInt32) -> Void) {
        let refusedNow = refused
        refused.removeAll()
        let count = events.withUnsafeMutableBufferPointer { buffer in
            epoll_wait(epollFD, buffer.baseAddress, Int32(buffer.count), refusedNow.isEmpty ? timeout : 0)
        }
        for (fd, registration) in refusedNow { ready(fd, Int16(POLLERR), registration) }
        // -1 is EINTR (a signal): a turn with no events.
        guard count > 0 else { return }
        for index in 0..<Int(count) {
            let event = events[index]
            let data = event.data.u64
            // epoll's IN, OUT, ERR and HUP bits are poll(2)'s.
            let revents = Int16(truncatingIfNeeded: event.events & Self.pollBits)
            ready(Int32(truncatingIfNeeded: data), revents, UInt32(truncatingIfNeeded: data >> 32))
        }
        if Int(count) == events.count && events.count < Self.maxEvents {
            events = Array(repeating: epoll_event(), count: events.count * 2)
        }
    }

    private static let pollBits = UInt32(POLLIN | POLLOUT | POLLERR | POLLHUP)

    private func control(_ operation: Int32, fd: Int32, events: Int16, registration: UInt32) -> Int32 {
        var event = epoll_event()
        event.events = UInt32(UInt16(bitPattern: events))
        event.data.u64 = UInt64(registration) << 32 | UInt64(UInt32(bitPattern: fd))
        return epoll_ctl(epollFD, operation, fd, &event)
    }
}
