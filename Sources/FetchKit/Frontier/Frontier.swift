import DequeModule
import HeapModule

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The host-aware frontier between the work queue and the workers: a worker gets the next
/// job whose host (scheme + host + port) is under its limits — `--per-host` slots,
/// `--rate` and `--host-rate` tokens, a `Retry-After` pause, `--adaptive` concurrency,
/// robots.txt. A job whose host cannot start now waits in that host's sub-queue while
/// other hosts proceed, so a slow or paused host never holds the others back.
///
/// It pulls from the work queue only when no job it holds may start, and holds at most
/// `capacity` jobs: full of jobs for saturated hosts, it stops pulling, the queue fills and
/// the input reader blocks — memory stays flat however long the list. So `host_wait` is
/// exactly the time a job was passed over for its host.
///
/// Hosts that may start are found without scanning: a host is in the ready queue, in the
/// timer heap (waiting for its pause or token), or nowhere while its slots are full (its
/// next finished transfer puts it back). Workers that wait do so on a condition
/// (`take()`, blocking threads) or as a handler woken by a job arriving, a slot freeing, a
/// robots.txt arriving, or a timer on the engine's loop (`take(_:)`) — never a sleep or a
/// poll.
final class Frontier: JobSource, HostFeedback, @unchecked Sendable {  // guarded: every var by `condition`
    typealias Handler = @Sendable (FetchJob?) -> Void

    private let queue: WorkQueue
    private let politeness: Politeness
    private let capacity: Int
    /// The longest `Retry-After` pause (`--retry-max-delay`).
    private let longestPause: Double
    private let robots: RobotsFetcher?

    private let condition = Condition()
    // Guarded by `condition`.
    private var hosts: [HostKey: HostState] = [:]
    private var ready = Deque<HostKey>()
    private var timed = Heap<TimedHost>()
    /// Jobs that start at once, whatever the limits: lines that are not URLs, URLs robots.txt
    /// disallows, and after a cancel every job held (marked cancelled).
    private var immediate = Deque<FetchJob>()
    /// Jobs in hosts' sub-queues.
    private var held = 0
    private var waiters = Deque<Handler>()
    private var inputEnded = false
    private var cancelled = false
    /// The run's next rate token (`--rate`).
    private var nextGlobalStart: UInt64 = 0
    /// The host each job handed out counts against, by index, until its record.
    private var inFlightHosts: [Int: HostKey] = [:]
    private var drainedHandlers: [@Sendable () -> Void] = []
    private var drainedReported = false
    private var timer: (any FrontierTimer)?
    private var timerArmedFor: UInt64?

    init(queue: WorkQueue, politeness: Politeness, capacity: Int, longestPause: Double, robots: RobotsFetcher?) {
        self.queue = queue
        self.politeness = politeness
        self.capacity = max(1, capacity)
        self.longestPause = longestPause
        self.robots = robots
    }

    /// Jobs the frontier holds at most for a run of `workers`: enough that every worker can
    /// be busy on a different host while others wait, few enough to stay flat in memory.
    static func capacity(workers: Int) -> Int {
        max(256, 4 * workers)
    }

    /// Stops the robots.txt engine, once the workers have finished.
    func shutdown() {
        robots?.shutdown()
    }

    /// Workers that wait with a handler are woken by `timer` when a pause or token comes
    /// due (the engine's loop). Set before the workers start.
    func useTimer(_ timer: any FrontierTimer) {
        condition.lock()
        self.timer = timer
        condition.unlock()
    }

    // MARK: JobSource

    func take() -> FetchJob? {
        condition.lock()
        while true {
            var work = Work()
            let next = nextLocked(now: MonotonicClock.now(), &work)
            switch next {
            case .job(let job):
                condition.unlock()
                work.run(on: self)
                return job
            case .end:
                let drained = drainedLocked()
                condition.broadcast()
                condition.unlock()
                for handler in drained { handler() }
                return nil
            case .wait(let deadline):
                if !work.isEmpty {
                    condition.unlock()
                    work.run(on: self)
                    condition.lock()
                    continue
                }
                if let deadline {
                    _ = condition.wait(until: Self.date(for: deadline))
                } else {
                    condition.wait()
                }
            }
        }
    }

    func take(_ handler: @escaping Handler) {
        condition.lock()
        var work = Work()
        switch nextLocked(now: MonotonicClock.now(), &work) {
        case .job(let job):
            condition.unlock()
            work.run(on: self)
            handler(job)
        case .end:
            let drained = drainedLocked()
            condition.unlock()
            for handler in drained { handler() }
            handler(nil)
        case .wait(let deadline):
            waiters.append(handler)
            armTimerLocked(for: deadline, &work)
            condition.unlock()
            work.run(on: self)
        }
    }

    func whenDrained(_ handler: @escaping @Sendable () -> Void) {
        condition.lock()
        let runNow = drainedReported
        if !runNow { drainedHandlers.append(handler) }
        condition.unlock()
        if runNow { handler() }
    }

    func finished(_ record: FetchRecord) {
        condition.lock()
        guard let key = inFlightHosts.removeValue(forKey: record.index), let host = hosts[key] else {
            condition.unlock()
            return
        }
        host.inFlight -= 1
        settleLocked(key, host, now: MonotonicClock.now())
        condition.unlock()
        serve()
    }

    // MARK: HostFeedback

    func attemptEnded(_ job: FetchJob, _ outcome: AttemptOutcome) {
        guard let key = job.host else { return }
        let now = MonotonicClock.now()
        condition.lock()
        guard let host = hosts[key] else {
            condition.unlock()
            return
        }
        var wake = false
        if outcome.status == 429 || outcome.status == 503 {
            host.pushBacks += 1
            if let retryAfter = outcome.retryAfter, retryAfter > 0 {
                host.pauses += 1
                host.pausedUntil = max(host.pausedUntil, MonotonicClock.deadline(after: min(retryAfter, longestPause)))
            }
        }
        if var adaptive = host.adaptive {
            wake = adaptive.take(pushedBack: outcome.pushedBack, ok: outcome.ok, startedAt: outcome.startedAt, now: now)
            host.adaptive = adaptive
            if wake && !host.held.isEmpty { markReadyLocked(key, host) }
        }
        condition.unlock()
        if wake { serve() }
    }

    func bookRetry(_ job: FetchJob, after backoff: Double) -> Double {
        guard let key = job.host else { return backoff }
        let now = MonotonicClock.now()
        condition.lock()
        defer { condition.unlock() }
        guard let host = hosts[key] else { return backoff }
        var start = max(MonotonicClock.deadline(after: backoff, from: now), host.startsAt)
        if politeness.rate != nil { start = max(start, nextGlobalStart) }
        takeTokensLocked(host, at: start)
        return MonotonicClock.seconds(from: now, to: start)
    }

    // MARK: Run control

    /// Stop: every job held is handed out at once, marked cancelled (each gets its record),
    /// whatever its host's limits; then takers hear there is no more work.
    func cancel() {
        condition.lock()
        cancelled = true
        for host in hosts.values {
            while let job = host.held.popFirst() { immediate.append(job.cancelledBeforeStart()) }
        }
        held = 0
        condition.broadcast()
        condition.unlock()
        robots?.cancelAll()
        serve()
    }

    /// Jobs held in hosts' sub-queues now (tests and diagnostics).
    var heldCount: Int {
        condition.withLock { held }
    }

    /// The hosts that pushed back (429, 503, or a connect timeout under `--adaptive`), for
    /// the summary; the busiest first.
    func throttledHosts() -> [ThrottledHost] {
        condition.lock()
        defer { condition.unlock() }
        return hosts.filter { $0.value.pushBacks > 0 || ($0.value.adaptive?.decreases ?? 0) > 0 }
            .map { key, host in
                ThrottledHost(
                    host: key.description, pushBacks: host.pushBacks, pauses: host.pauses,
                    halvings: host.adaptive?.decreases ?? 0, finalLimit: host.adaptive?.limit)
            }
            .sorted { ($0.pushBacks, $1.host) > ($1.pushBacks, $0.host) }
    }

    // MARK: Handing out jobs

    private enum Next {
        case job(FetchJob)
        /// Nothing may start now; something may at `deadline` (nil: when an event says so).
        case wait(until: UInt64?)
        case end
    }

    /// The next job that may start now, pulling from the work queue when nothing held may.
    private func nextLocked(now: UInt64, _ work: inout Work) -> Next {
        if let job = immediate.popFirst() { return .job(handedOut(job, now: now)) }
        promoteDueLocked(now: now)
        if let job = grantLocked(now: now, &work) { return .job(job) }
        while held < capacity && !inputEnded {
            switch queue.poll(orNotify: { [weak self] in self?.serve() }) {
            case .job(let job):
                admitLocked(job, now: now)
                if let job = immediate.popFirst() { return .job(handedOut(job, now: now)) }
                if let job = grantLocked(now: now, &work) { return .job(job) }
            case .empty:
                return .wait(until: wakeDeadlineLocked(now: now))
            case .ended:
                inputEnded = true
            }
        }
        if inputEnded && held == 0 && immediate.isEmpty { return .end }
        return .wait(until: wakeDeadlineLocked(now: now))
    }

    /// A job leaving the frontier: how long it waited here.
    private func handedOut(_ job: FetchJob, now: UInt64) -> FetchJob {
        var job = job
        if job.leftQueueAt == 0 { job.leftQueueAt = now }
        job.hostWait = MonotonicClock.seconds(from: job.leftQueueAt, to: now)
        return job
    }

    /// A job from the work queue: to its host's sub-queue, or straight out when it will not
    /// touch the network.
    private func admitLocked(_ job: FetchJob, now: UInt64) {
        var job = job
        job.leftQueueAt = now
        guard job.problem == nil else { return immediate.append(job) }
        // The input reader keyed it while parsing; jobs made elsewhere are keyed here.
        guard let key = job.host ?? HostKey(url: job.url) else {
            return immediate.append(job.refused(URLProblem(errorClass: .invalidURL, message: "no host in the URL")))
        }
        job.host = key
        if cancelled { return immediate.append(job.cancelledBeforeStart()) }
        let host = hosts[key] ?? newHostLocked(key)
        if case .known(let rules, let refusal) = host.robots, !Self.allows(rules, job) {
            return immediate.append(job.refused(URLProblem(errorClass: .robots, message: refusal)))
        }
        host.held.append(job)
        held += 1
        markReadyLocked(key, host)
    }

    private func newHostLocked(_ key: HostKey) -> HostState {
        let perHost = politeness.perHost > 0 ? politeness.perHost : nil
        let adaptive =
            politeness.adaptive
            ? AdaptiveLimit(start: perHost ?? Politeness.adaptiveStart, ceiling: perHost ?? Int.max) : nil
        let host = HostState(
            fixedLimit: perHost, adaptive: adaptive, interval: politeness.hostRate?.interval,
            robots: politeness.robots && robots != nil ? .unknown(failures: 0) : .notNeeded)
        hosts[key] = host
        return host
    }

    /// The first job of a ready host that may start now; hosts found unable to start are
    /// put where they will be found again (the timer heap, or nowhere until a slot frees).
    private func grantLocked(now: UInt64, _ work: inout Work) -> FetchJob? {
        if politeness.rate != nil && now < nextGlobalStart { return nil }
        while let key = ready.popFirst() {
            guard let host = hosts[key] else { continue }
            host.inReady = false
            guard !host.held.isEmpty else {
                if host.isForgettable(now: now) { hosts[key] = nil }
                continue
            }
            switch host.robots {
            case .fetching: continue
            case .unknown(let failures):
                guard host.hasFreeSlot else { continue }
                guard host.startsAt <= now else {
                    timeLocked(key, host, until: host.startsAt)
                    continue
                }
                host.robots = .fetching(failures: failures)
                host.inFlight += 1
                takeTokensLocked(host, at: now)
                work.robotsToFetch.append((key, failures))
                if politeness.rate != nil { return nil }
                continue
            case .notNeeded, .known:
                break
            }
            guard host.hasFreeSlot else { continue }
            guard host.startsAt <= now else {
                timeLocked(key, host, until: host.startsAt)
                continue
            }
            let job = host.held.removeFirst()
            held -= 1
            host.inFlight += 1
            takeTokensLocked(host, at: now)
            if !host.held.isEmpty { markReadyLocked(key, host) }
            inFlightHosts[job.index] = key
            return handedOut(job, now: now)
        }
        return nil
    }

    /// A request of `host` starts at `start`: the host's and the run's next tokens move on.
    private func takeTokensLocked(_ host: HostState, at start: UInt64) {
        if let interval = host.interval {
            let spread = politeness.jitter ? Double.random(in: 0.5...1.5) : 1
            host.nextStart = max(host.nextStart, MonotonicClock.deadline(after: interval * spread, from: start))
        }
        if let rate = politeness.rate {
            nextGlobalStart = max(nextGlobalStart, MonotonicClock.deadline(after: rate.interval, from: start))
        }
    }

    // MARK: Where hosts wait

    private func markReadyLocked(_ key: HostKey, _ host: HostState) {
        guard !host.inReady && host.timedFor == nil else { return }
        host.inReady = true
        ready.append(key)
    }

    private func timeLocked(_ key: HostKey, _ host: HostState, until deadline: UInt64) {
        if let current = host.timedFor, current <= deadline { return }
        host.timedFor = deadline
        timed.insert(TimedHost(deadline: deadline, key: key))
    }

    /// Hosts whose pause or token is due go back to the ready queue.
    private func promoteDueLocked(now: UInt64) {
        while let first = timed.min, first.deadline <= now {
            timed.removeMin()
            guard let host = hosts[first.key], host.timedFor == first.deadline else { continue }
            host.timedFor = nil
            markReadyLocked(first.key, host)
        }
    }

    /// A slot of `host` freed: it goes back to the ready queue if it has jobs, or is
    /// forgotten if it holds nothing worth keeping.
    private func settleLocked(_ key: HostKey, _ host: HostState, now: UInt64) {
        if !host.held.isEmpty {
            markReadyLocked(key, host)
        } else if host.isForgettable(now: now) {
            hosts[key] = nil
        }
    }

    /// When a waiting worker should look again without being told: the first host's pause
    /// or token, or the run's next token.
    private func wakeDeadlineLocked(now: UInt64) -> UInt64? {
        var deadline = timed.min?.deadline
        if politeness.rate != nil && nextGlobalStart > now && !ready.isEmpty {
            deadline = min(deadline ?? .max, nextGlobalStart)
        }
        return deadline
    }

    // MARK: Waking waiters

    /// Hands jobs to the handlers waiting, as many as may start now (or nil to all, once
    /// there is no more work), and wakes every blocking taker to look again. (Waking one
    /// and letting a taker pass the wake on lost a wake-up under `blocking`: a host's jobs
    /// sat eligible while every thread slept, until an unrelated event. Broadcast costs a
    /// herd of wake-ups at large -j; it is never wrong.)
    func serve() {
        condition.lock()
        var work = Work()
        var deliveries: [(Handler, FetchJob?)] = []
        var drained: [@Sendable () -> Void] = []
        let now = MonotonicClock.now()
        serving: while !waiters.isEmpty {
            switch nextLocked(now: now, &work) {
            case .job(let job):
                deliveries.append((waiters.removeFirst(), job))
            case .end:
                while let waiter = waiters.popFirst() { deliveries.append((waiter, nil)) }
                drained = drainedLocked()
            case .wait(let deadline):
                armTimerLocked(for: deadline, &work)
                break serving
            }
        }
        condition.broadcast()
        condition.unlock()
        for handler in drained { handler() }
        work.run(on: self)
        for (handler, job) in deliveries { handler(job) }
    }

    private func armTimerLocked(for deadline: UInt64?, _ work: inout Work) {
        guard let deadline, let timer else { return }
        if let armed = timerArmedFor, armed <= deadline { return }
        timerArmedFor = deadline
        work.timerToArm = (timer, deadline)
    }

    private func timerFired(_ deadline: UInt64) {
        condition.lock()
        if timerArmedFor == deadline { timerArmedFor = nil }
        condition.unlock()
        serve()
    }

    private func drainedLocked() -> [@Sendable () -> Void] {
        guard !drainedReported else { return [] }
        drainedReported = true
        defer { drainedHandlers.removeAll() }
        return drainedHandlers
    }

    // MARK: robots.txt

    /// A host's robots.txt fetch ended: its rules hold from now on (URLs they disallow get
    /// `robots` records), or after a failure the host tries again after a back-off.
    private func robotsFetched(_ key: HostKey, _ outcome: RobotsOutcome) {
        let now = MonotonicClock.now()
        condition.lock()
        guard let host = hosts[key], case .fetching(let failures) = host.robots else {
            condition.unlock()
            return
        }
        host.inFlight -= 1
        switch outcome {
        case .rules(let rules, let refusal):
            host.robots = .known(rules, refusal: refusal)
            if let delay = rules.crawlDelay, delay > 0 {
                let interval = max(host.interval ?? 0, min(delay, Politeness.longestCrawlDelay))
                host.interval = interval
                // The robots.txt fetch was the host's first request: the next waits its turn.
                host.nextStart = max(host.nextStart, MonotonicClock.deadline(after: interval, from: now))
            }
            let waiting = host.held
            host.held.removeAll()
            for job in waiting {
                if Self.allows(rules, job) {
                    host.held.append(job)
                } else {
                    held -= 1
                    immediate.append(job.refused(URLProblem(errorClass: .robots, message: refusal)))
                }
            }
        case .failed:
            host.robots = .unknown(failures: failures + 1)
            let wait = robots?.backoff(afterFailures: failures + 1) ?? 1
            host.nextStart = max(host.nextStart, MonotonicClock.deadline(after: wait, from: now))
        }
        settleLocked(key, host, now: now)
        condition.unlock()
        serve()
    }

    private static func allows(_ rules: RobotsRules, _ job: FetchJob) -> Bool {
        guard let target = RobotsTarget.of(url: job.url) else { return true }
        return rules.allows(target)
    }

    // MARK: Work done outside the lock

    /// What a locked step decided to do once the lock is released: fetch robots.txt files,
    /// arm the timer.
    private struct Work {
        /// Hosts whose robots.txt to fetch, with the tries that have failed so far.
        var robotsToFetch: [(key: HostKey, failures: Int)] = []
        var timerToArm: (timer: any FrontierTimer, deadline: UInt64)?

        var isEmpty: Bool { robotsToFetch.isEmpty && timerToArm == nil }

        func run(on frontier: Frontier) {
            if let (timer, deadline) = timerToArm {
                timer.wake(at: deadline) { [weak frontier] in frontier?.timerFired(deadline) }
            }
            guard let robots = frontier.robots else { return }
            for (key, failures) in robotsToFetch {
                robots.fetch(key, failures: failures) { [weak frontier] outcome in
                    frontier?.robotsFetched(key, outcome)
                }
            }
        }
    }

    private static func date(for deadline: UInt64) -> Date {
        Date().addingTimeInterval(min(MonotonicClock.seconds(from: MonotonicClock.now(), to: deadline), 86_400))
    }
}

/// A host waiting in the timer heap for its pause or token.
private struct TimedHost: Comparable {
    let deadline: UInt64
    let key: HostKey

    static func < (lhs: TimedHost, rhs: TimedHost) -> Bool { lhs.deadline < rhs.deadline }
    static func == (lhs: TimedHost, rhs: TimedHost) -> Bool { lhs.deadline == rhs.deadline && lhs.key == rhs.key }
}
