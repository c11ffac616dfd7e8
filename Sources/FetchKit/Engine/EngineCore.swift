import CLinuxCurl

/// The engine's loop-thread half: the multi handle, the handle pool and the transfers in
/// flight. It lives in a `LoopBound` and every entry point asserts the loop thread, so
/// curl is only ever called from there. Completions are delivered at the end of a turn,
/// after curl has returned — never from inside a curl callback.
final class EngineCore: LoopDriver {
    private let loop: PollLoop
    private let plan: TransferPlan
    private var multi: MultiHandle?
    private var idleHandles: [EasyHandle] = []
    /// Transfers in flight, by their handle.
    private var active: [ObjectIdentifier: EngineTransfer] = [:]
    /// Transfers waiting out a back-off before their next attempt.
    private var backingOff: [ObjectIdentifier: EngineTransfer] = [:]
    /// Transfers in flight or backing off that can be cancelled one by one.
    private var byToken: [ObjectIdentifier: EngineTransfer] = [:]
    /// Records made this turn, delivered at its end.
    private var due: [(EngineTransfer.Completion, FetchRecord)] = []
    private var cancelled = false
    /// Connections opened by transfers that do not multiplex: one per fresh attempt from
    /// its start (it opens one for sure), the others' once they finish (a reusing attempt
    /// may still open one). While at least as many such transfers are in flight, no
    /// connection can be idle, so new transfers need not look for one. Counted from the
    /// start, not the end: a transfer that follows the first wave's first completion finds
    /// that connection idle (counting at the end, 2,000 × 100 ms at -j 1000 opened
    /// 1,160–1,680 connections instead of 1,000). Connections the server closes are not subtracted: an
    /// attempt that finds none idle only pays curl's search.
    private var connectionsOpened = 0
    /// Transfers in flight that do not multiplex (each has a connection to itself).
    private var singleStreamActive = 0
    /// Cleared once no more requests will come: connections are then closed after use.
    private var keepConnections = true
    /// Each pooled handle's receive buffer, sized for `maxConnections` transfers at once.
    private let receiveBufferSize: Int

    /// - Parameters:
    ///   - maxConnections: the connections (and transfers) this loop holds at once.
    ///   - h2Streams: transfers one HTTP/2 connection carries at once (`EngineSettings.h2Streams`).
    init(
        loop: PollLoop, plan: TransferPlan, maxConnections: Int,
        h2Streams: Int = EngineSettings.defaultH2Streams
    ) throws(CurlError) {
        self.loop = loop
        self.plan = plan
        receiveBufferSize = ReceiveBuffer.size(concurrentTransfers: maxConnections)
        ReceiveBufferHeap.prepare()
        let multi = try MultiHandle(maxConnections: maxConnections, h2Streams: h2Streams)
        multi.onSocketInterest = { [unowned loop] fd, events in
            loop.setInterest(fd: fd, events: events)
        }
        self.multi = multi
    }

    /// - Parameter capture: keeps the body in memory (robots.txt) instead of the plan's sink.
    func start(
        _ request: FetchRequest, cancelToken: CancelToken?, capture: BodyCapture? = nil,
        completion: @escaping EngineTransfer.Completion
    ) {
        loop.assertInLoopThread()
        let refuse = cancelled || cancelToken?.isCancelled == true
        let sink = capture.map { BodySink(capture: $0) }
        switch Transfer.open(request, plan: plan, cancelled: refuse, sink: sink) {
        case .refused(let record):
            due.append((completion, record))
        case .ready(let transfer):
            let handle: EasyHandle
            do {
                handle = try idleHandles.popLast() ?? EasyHandle(receiveBufferSize: receiveBufferSize)
            } catch {
                due.append((completion, transfer.refuse(URLProblem(errorClass: .other, message: "\(error)"))))
                return
            }
            let running = EngineTransfer(
                transfer: transfer, handle: handle, completion: completion, cancelToken: cancelToken)
            if let cancelToken { byToken[ObjectIdentifier(cancelToken)] = running }
            attempt(running)
        }
    }

    /// Stops every transfer: each in flight (or backing off) gets a `cancelled` record,
    /// and later requests are refused as cancelled.
    func cancelAll() {
        loop.assertInLoopThread()
        cancelled = true
        for running in active.values {
            multi?.remove(running.handle)
            finish(running, running.transfer.cancel())
        }
        active.removeAll()
        singleStreamActive = 0
        for running in backingOff.values {
            if let timer = running.retryTimer { loop.cancelTimer(timer) }
            finish(running, running.transfer.cancel())
        }
        backingOff.removeAll()
    }

    /// Stops the one transfer `token` was given to, if it is in flight or backing off; a
    /// transfer not started yet is refused when it starts.
    func cancel(_ token: CancelToken) {
        loop.assertInLoopThread()
        guard let running = byToken.removeValue(forKey: ObjectIdentifier(token)) else { return }
        if let timer = running.retryTimer {
            loop.cancelTimer(timer)
            backingOff.removeValue(forKey: ObjectIdentifier(running))
        } else {
            forgetActive(running.handle)
            multi?.remove(running.handle)
        }
        finish(running, running.transfer.cancel())
    }

    /// No new requests will follow the ones in flight: their connections are closed when
    /// they finish instead of cached. Besides freeing them early, this spares curl 7.88's
    /// `curl_multi_remove_handle` a walk over every cached connection per transfer. Not
    /// for transfers that may multiplex: the streams still to come share their connection.
    func stopKeepingConnections() {
        loop.assertInLoopThread()
        guard keepConnections else { return }
        keepConnections = false
        for running in active.values where !running.handle.mayMultiplex { running.handle.setForbidReuse(true) }
    }

    /// Adds the transfer's next attempt to the multi handle. One that does not multiplex
    /// (HTTP/1.1's C10k path) skips curl's search for an idle connection when none can be
    /// idle, and closes its connection after use once the queue has run dry; one that may
    /// multiplex does neither (`CURLOPT_PIPEWAIT`, set by `EasyHandle.prepare`, has it
    /// wait for its host's first connection instead), or it would open a connection of its own.
    private func attempt(_ running: EngineTransfer) {
        guard let multi else { return }
        let handle = running.handle
        running.transfer.beginAttempt(on: handle)
        if handle.mayMultiplex {
            handle.setFreshConnect(false)
            handle.setForbidReuse(false)
        } else {
            let fresh = singleStreamActive >= connectionsOpened
            handle.setFreshConnect(fresh)
            handle.setForbidReuse(!keepConnections)
            if fresh { connectionsOpened += 1 }
        }
        let added = multi.add(handle)
        guard added == CURLM_OK else {
            finish(running, running.transfer.abandon(String(cString: curl_multi_strerror(added))))
            return
        }
        active[ObjectIdentifier(handle)] = running
        if !handle.mayMultiplex { singleStreamActive += 1 }
    }

    /// Takes the transfer on `handle` out of `active`, and out of the count of those that do
    /// not multiplex.
    @discardableResult
    private func forgetActive(_ handle: EasyHandle) -> EngineTransfer? {
        guard let running = active.removeValue(forKey: ObjectIdentifier(handle)) else { return nil }
        if !handle.mayMultiplex { singleStreamActive -= 1 }
        return running
    }

    private func attemptEnded(_ running: EngineTransfer, code: CURLcode) {
        switch running.transfer.attemptEnded(with: code, runCancelled: cancelled) {
        case .finished(let record):
            finish(running, record)
        case .retry(let delay):
            backingOff[ObjectIdentifier(running)] = running
            let deadline = MonotonicClock.deadline(after: delay)
            running.retryTimer = loop.schedule(at: deadline) { [unowned self] in
                backingOff.removeValue(forKey: ObjectIdentifier(running))
                running.retryTimer = nil
                attempt(running)
            }
        }
    }

    /// The transfer is over: its handle goes back to the pool, its record out at the end
    /// of the turn.
    private func finish(_ running: EngineTransfer, _ record: FetchRecord) {
        if let token = running.cancelToken { byToken.removeValue(forKey: ObjectIdentifier(token)) }
        idleHandles.append(running.handle)
        due.append((running.completion, record))
    }

    /// Transfers in flight and backing off now (tests and diagnostics).
    var counts: (active: Int, backingOff: Int) {
        loop.assertInLoopThread()
        return (active.count, backingOff.count)
    }

    // MARK: LoopDriver

    var driverDeadline: UInt64? { multi?.deadline }

    var hasPendingResults: Bool { !due.isEmpty }

    func socketReady(fd: Int32, revents: Int16) {
        guard let multi else { return }
        check(multi.socketReady(fd: fd, revents: revents))
        collectFinished()
    }

    func deadlineReached() {
        guard let multi else { return }
        check(multi.deadlineReached())
        collectFinished()
    }

    func turnEnded() {
        // A completion may start transfers that are refused at once: deliver those too.
        guard !due.isEmpty else { return }
        // The turn's records are one burst for stdout: its writer is woken once, at the end.
        OutputBurst.run {
            while !due.isEmpty {
                let records = due
                due.removeAll(keepingCapacity: true)
                for (completion, record) in records { completion(record) }
            }
        }
    }

    func loopWillExit() {
        cancelAll()
        turnEnded()
        idleHandles.removeAll()
        multi = nil
    }

    // MARK: curl's side

    /// Drains `curl_multi_info_read`, taking each handle and result before removing it.
    private func collectFinished() {
        guard let multi else { return }
        while let (handle, code) = multi.nextFinished() {
            guard let running = forgetActive(handle) else { continue }
            multi.remove(handle)
            if !handle.mayMultiplex {
                // A fresh attempt was counted at its start; one that failed to connect opened none.
                connectionsOpened += handle.connectionsOpened - (handle.freshConnect ? 1 : 0)
            }
            attemptEnded(running, code: code)
        }
    }

    /// A socket curl has already forgotten (closed before its event was handled) is no
    /// error; any other failure of `curl_multi_socket_action` leaves the transfers in flight
    /// in an unknown state, so each gets a record saying so rather than hanging.
    private func check(_ code: CURLMcode) {
        guard code != CURLM_OK && code != CURLM_BAD_SOCKET else { return }
        let message = "curl_multi_socket_action failed: \(String(cString: curl_multi_strerror(code)))"
        for running in active.values {
            multi?.remove(running.handle)
            finish(running, running.transfer.abandon(message))
        }
        active.removeAll()
        singleStreamActive = 0
    }
}
