import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What a `PollLoop` drives: the engine answers for its sockets and its deadline.
///
/// Every method is called on the loop thread, never from inside a curl callback.
protocol LoopDriver: AnyObject {
    /// The driver's next deadline on `MonotonicClock`, or nil for none.
    var driverDeadline: UInt64? { get }
    /// The driver holds results for `turnEnded` to deliver: the loop must not sleep.
    var hasPendingResults: Bool { get }
    /// A watched descriptor became ready (`revents` as `poll(2)` reports it).
    func socketReady(fd: Int32, revents: Int16)
    /// `driverDeadline` has passed.
    func deadlineReached()
    /// The end of a turn: deliver what the turn completed.
    func turnEnded()
    /// The loop is stopping: release everything owned by the loop thread.
    func loopWillExit()
}

/// One thread, one readiness call (`epoll(7)`, or `poll(2)`: a `ReadinessPoller`): the
/// descriptors a driver asks for, the driver's deadline, the loop's own timers, and an
/// eventfd through which other threads post work.
///
/// Thread contract: `execute`, `stop` and `inLoopThread` may be called from any thread.
/// Everything else (`setInterest`, `schedule`, `cancelTimer`) only on the loop thread,
/// which each of them asserts.
final class PollLoop: FutureLoop, @unchecked Sendable {  // guarded: inboxLock; the rest loop-only, asserted
    typealias Work = () -> Void

    private let wakeup: WakeupFD
    private let poller: any ReadinessPoller
    /// Work posted from other threads. A sleeping lock: the poster and the loop contend
    /// for it in bursts, where a spinning one burns the core the other needs.
    private let inboxLock = Lock()
    private var inbox: [@Sendable () -> Void] = []
    private let stopRequested = Atomic<Bool>(false)
    /// The loop thread's `pthread_t`, 0 when not running: asked on every `execute`.
    private let loopThread = Atomic<UInt>(0)

    /// A descriptor's watch: the events wanted, and which registration of that number it
    /// is — a descriptor closed and its number reused within one turn is a new one.
    private struct Watch {
        var events: Int16
        let registration: UInt32
    }

    // Loop-thread state.
    private var interests: [Int32: Watch] = [:]
    /// Wraps: a stale event is mistaken for a new registration only if 2³² sockets were
    /// opened within one turn. 0 is the wake-up fd's.
    private var nextRegistration: UInt32 = 0
    private var localWork: [Work] = []
    private var timers = TimerHeap()

    init(poller kind: PollerKind = .epoll) throws(SystemCallError) {
        wakeup = try WakeupFD()
        poller = try kind.makePoller()
        poller.register(fd: wakeup.fd, events: Int16(POLLIN), registration: 0)
    }

    var inLoopThread: Bool {
        loopThread.load(ordering: .acquiring) == pthread_self()
    }

    /// Runs `work` on the loop thread in a later turn (never synchronously).
    func execute(_ work: @escaping @Sendable () -> Void) {
        if inLoopThread {
            localWork.append(work)
            return
        }
        inboxLock.lock()
        let wasEmpty = inbox.isEmpty
        inbox.append(work)
        inboxLock.unlock()
        // A non-empty inbox already has a wake-up on its way: the loop drains it whole.
        if wasEmpty { wakeup.signal() }
    }

    func stop() {
        stopRequested.store(true, ordering: .releasing)
        wakeup.signal()
    }

    /// Watches `fd` for `events` (POLLIN/POLLOUT); 0 stops watching it. Events already
    /// polled for a descriptor that stops being watched are not delivered, even when its
    /// number is watched again in the same turn (curl closed a socket and opened another).
    func setInterest(fd: Int32, events: Int16) {
        assertInLoopThread()
        if events == 0 {
            if interests.removeValue(forKey: fd) != nil { poller.deregister(fd: fd) }
        } else if var watch = interests[fd] {
            guard watch.events != events else { return }
            watch.events = events
            interests[fd] = watch
            poller.modify(fd: fd, events: events, registration: watch.registration)
        } else {
            nextRegistration &+= 1
            if nextRegistration == 0 { nextRegistration = 1 }
            interests[fd] = Watch(events: events, registration: nextRegistration)
            poller.register(fd: fd, events: events, registration: nextRegistration)
        }
    }

    /// Runs `work` on the loop thread at `deadline` (MonotonicClock nanoseconds); a
    /// deadline already past runs it in this turn's timer pass or the next one.
    @discardableResult
    func schedule(at deadline: UInt64, _ work: @escaping Work) -> TimerHeap.ID {
        assertInLoopThread()
        return timers.insert(deadline: deadline, work: work)
    }

    func cancelTimer(_ id: TimerHeap.ID) {
        assertInLoopThread()
        timers.cancel(id)
    }

    /// Traps in debug builds when called off the loop thread.
    func assertInLoopThread(file: StaticString = #fileID, line: UInt = #line) {
        assert(inLoopThread, "called off the loop thread", file: file, line: line)
    }

    /// Turns the calling thread into the loop thread until `stop()`, driving `driver`,
    /// which from then on is reached only from here.
    func run<Driver: LoopDriver>(driver bound: LoopBound<Driver>) {
        loopThread.store(pthread_self(), ordering: .releasing)
        let driver = bound.value()
        while !stopRequested.load(ordering: .acquiring) {
            runPostedWork()
            // Work just done (new transfers) often makes a deadline due at once: act on it
            // before polling, which saves a poll(2) with a zero timeout.
            fireDeadlines(driver: driver)
            driver.turnEnded()
            waitForEvents(driver: driver)
            fireDeadlines(driver: driver)
            driver.turnEnded()
        }
        runPostedWork()
        driver.loopWillExit()
        loopThread.store(0, ordering: .releasing)
    }

    private func runPostedWork() {
        inboxLock.lock()
        let posted = inbox
        inbox.removeAll(keepingCapacity: true)
        inboxLock.unlock()
        for work in posted { work() }
        // Work may post more work; it runs next turn so one chain cannot starve the sockets.
        let local = localWork
        localWork.removeAll(keepingCapacity: true)
        for work in local { work() }
    }

    private func waitForEvents(driver: LoopDriver) {
        let mustNotSleep = !localWork.isEmpty || driver.hasPendingResults
        let timeout = mustNotSleep ? 0 : pollTimeout(driver: driver)
        poller.wait(timeout: timeout) { fd, revents, registration in
            if registration == 0 && fd == wakeup.fd {
                wakeup.drain()
                return
            }
            // Handling an earlier descriptor may have closed this one (and reused its number).
            guard interests[fd]?.registration == registration else { return }
            driver.socketReady(fd: fd, revents: revents)
        }
    }

    private func fireDeadlines(driver: LoopDriver) {
        let now = MonotonicClock.now()
        if let deadline = driver.driverDeadline, deadline <= now {
            driver.deadlineReached()
        }
        while let work = timers.popDue(now: now) { work() }
    }

    private func pollTimeout(driver: LoopDriver) -> Int32 {
        let deadlines = [driver.driverDeadline, timers.nextDeadline].compactMap { $0 }
        guard let next = deadlines.min() else { return -1 }
        let now = MonotonicClock.now()
        guard next > now else { return 0 }
        // Round up: waking a little late is harmless, waking early spins.
        let millis = (next - now + 999_999) / 1_000_000
        return Int32(min(millis, UInt64(Int32.max)))
    }
}
