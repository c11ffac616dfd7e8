import Testing

@testable import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// Each poller on its own, on real descriptors: what it reports, and how it copes with
/// descriptors closed (and their numbers reused) behind its back, as curl's are.
@Suite("Readiness pollers")
struct ReadinessPollerTests {
    struct Event: Equatable {
        var fd: Int32
        var revents: Int16
        var registration: UInt32
    }

    /// One wait's reports.
    private func waitOnce(_ poller: any ReadinessPoller, timeout: Int32 = 0) -> [Event] {
        var events: [Event] = []
        poller.wait(timeout: timeout) { events.append(Event(fd: $0, revents: $1, registration: $2)) }
        return events
    }

    /// A pipe: (read end, write end), closed by `closeAll` unless the test closed them.
    private func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        return (ends[0], ends[1])
    }

    private func makeSocketPair() throws -> (Int32, Int32) {
        var ends: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        return (ends[0], ends[1])
    }

    private let readable = Int16(POLLIN)

    @Test(
        "a watched descriptor is reported, with its registration, only while watched and ready",
        arguments: PollerKind.allCases)
    func watchAndUnwatch(kind: PollerKind) throws {
        let poller = try kind.makePoller()
        let (readEnd, writeEnd) = try makePipe()
        defer {
            close(readEnd)
            close(writeEnd)
        }
        poller.register(fd: readEnd, events: readable, registration: 7)
        #expect(waitOnce(poller).isEmpty)
        #expect(write(writeEnd, "x", 1) == 1)
        #expect(waitOnce(poller, timeout: 5000) == [Event(fd: readEnd, revents: readable, registration: 7)])
        // Level-triggered: still ready, still reported.
        #expect(waitOnce(poller).count == 1)
        poller.deregister(fd: readEnd)
        #expect(waitOnce(poller).isEmpty)
    }

    @Test("modify changes the events a descriptor is watched for", arguments: PollerKind.allCases)
    func modifyEvents(kind: PollerKind) throws {
        let poller = try kind.makePoller()
        let (one, other) = try makeSocketPair()
        defer {
            close(one)
            close(other)
        }
        poller.register(fd: one, events: readable, registration: 1)
        #expect(waitOnce(poller).isEmpty)
        poller.modify(fd: one, events: Int16(POLLOUT), registration: 1)
        #expect(waitOnce(poller, timeout: 5000) == [Event(fd: one, revents: Int16(POLLOUT), registration: 1)])
    }

    @Test(
        "a number closed behind the poller's back and reused is watched as the new descriptor",
        arguments: PollerKind.allCases, [false, true])
    func closedAndReused(kind: PollerKind, viaModify: Bool) throws {
        let poller = try kind.makePoller()
        let old = try makePipe()
        let new = try makePipe()
        defer { for fd in [old.read, old.write, new.write] { close(fd) } }
        poller.register(fd: old.read, events: readable, registration: 1)
        // The old socket is closed without a word (epoll drops it); a new one takes its number.
        close(old.read)
        try #require(dup2(new.read, old.read) == old.read)
        close(new.read)
        #expect(write(new.write, "x", 1) == 1)
        if viaModify {
            // The loop still thinks the number watched: epoll answers ENOENT, and adds it.
            poller.modify(fd: old.read, events: readable, registration: 2)
        } else {
            // curl's order: the old one removed (epoll: ENOENT, ignored), the new one added.
            poller.deregister(fd: old.read)
            poller.register(fd: old.read, events: readable, registration: 2)
        }
        #expect(waitOnce(poller, timeout: 5000) == [Event(fd: old.read, revents: readable, registration: 2)])
    }

    @Test("a descriptor closed while watched: changing or dropping it is harmless", arguments: PollerKind.allCases)
    func closedWhileWatched(kind: PollerKind) throws {
        let poller = try kind.makePoller()
        let gone = try makePipe()
        let kept = try makePipe()
        defer {
            close(kept.read)
            close(kept.write)
        }
        poller.register(fd: gone.read, events: readable, registration: 1)
        poller.register(fd: kept.read, events: readable, registration: 2)
        close(gone.read)
        close(gone.write)
        // epoll: EBADF on both, ignored.
        poller.modify(fd: gone.read, events: Int16(POLLIN | POLLOUT), registration: 1)
        poller.deregister(fd: gone.read)
        #expect(waitOnce(poller).isEmpty)
        #expect(write(kept.write, "x", 1) == 1)
        #expect(waitOnce(poller, timeout: 5000) == [Event(fd: kept.read, revents: readable, registration: 2)])
    }

    @Test("registering a number already watched keeps one watch, the newest", arguments: PollerKind.allCases)
    func registeredTwice(kind: PollerKind) throws {
        let poller = try kind.makePoller()
        let (readEnd, writeEnd) = try makePipe()
        defer {
            close(readEnd)
            close(writeEnd)
        }
        poller.register(fd: readEnd, events: readable, registration: 1)
        // epoll: EEXIST, then a modify.
        poller.register(fd: readEnd, events: readable, registration: 2)
        #expect(write(writeEnd, "x", 1) == 1)
        #expect(waitOnce(poller, timeout: 5000) == [Event(fd: readEnd, revents: readable, registration: 2)])
    }

    @Test("a peer's hang-up and a refused connection come as poll(2)'s HUP and ERR", arguments: PollerKind.allCases)
    func hangUpAndError(kind: PollerKind) throws {
        let poller = try kind.makePoller()
        let (one, other) = try makeSocketPair()
        defer { close(one) }
        poller.register(fd: one, events: readable, registration: 1)
        close(other)
        let hungUp = waitOnce(poller, timeout: 5000)
        #expect(hungUp.count == 1 && hungUp[0].revents & Int16(POLLHUP) != 0, "\(hungUp)")

        // A connection to a port nobody listens on: refused, asynchronously.
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        try #require(socketFD >= 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(1).bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0 || errno == EINPROGRESS || errno == ECONNREFUSED)
        poller.deregister(fd: one)
        poller.register(fd: socketFD, events: Int16(POLLOUT), registration: 2)
        let refused = waitOnce(poller, timeout: 5000)
        #expect(refused.count == 1 && refused[0].revents & Int16(POLLERR) != 0, "\(refused)")
    }

    @Test(
        "more descriptors ready than one wait's buffer holds are all reported within two waits",
        arguments: PollerKind.allCases)
    func manyReady(kind: PollerKind) throws {
        let poller = try kind.makePoller()
        var pipes: [(read: Int32, write: Int32)] = []
        defer { for ends in pipes { for fd in [ends.read, ends.write] { close(fd) } } }
        for index in 0..<300 {
            let ends = try makePipe()
            pipes.append(ends)
            #expect(write(ends.write, "x", 1) == 1)
            poller.register(fd: ends.read, events: readable, registration: UInt32(index + 1))
        }
        var reported: Set<Int32> = []
        for _ in 0..<2 { for event in waitOnce(poller, timeout: 5000) { reported.insert(event.fd) } }
        #expect(reported == Set(pipes.map(\.read)))
    }
}
