import CLinuxCurl

/// The engine's loop-thread half: the multi handle, the handle pool and the transfers in
/// flight. It lives in a `LoopBound` and every entry point asserts the loop thread, so
/// curl is only ever called from there.
final class EngineCore: LoopDriver {
    private let loop: PollLoop
    private let plan: TransferPlan
    private var multi: MultiHandle?
    private var idleHandles: [EasyHandle] = []
    /// Transfers in flight, by their handle.
    private var active: [ObjectIdentifier: Transfer] = [:]
    private var waitingToRetry: [Transfer] = []
    /// Transfers in flight or waiting to retry that can be cancelled one by one.
    private var byToken: [ObjectIdentifier: Transfer] = [:]
    /// Results collected after a curl call, delivered at the end of the turn.
    private var finished: [(Transfer, TransferResult)] = []
    private var refused: [(FetchRequest, Transfer.Completion, URLProblem)] = []
    private var cancelled = false
    /// Connections opened by finished transfers: while at least as many transfers are in
    /// flight, no connection can be idle, so new transfers need not look for one.
    private var connectionsOpened = 0
    /// Cleared once no more requests will come: connections are then closed after use.
    private var keepConnections = true

    init(loop: PollLoop, plan: TransferPlan, maxConnections: Int) throws(CurlError) {
        self.loop = loop
        self.plan = plan
        let multi = try MultiHandle(maxConnections: maxConnections)
        multi.onSocketInterest = { [unowned loop] fd, events in
            loop.setInterest(fd: fd, events: events)
        }
        self.multi = multi
    }

    func start(_ request: FetchRequest, cancelToken: CancelToken?, completion: @escaping Transfer.Completion) {
        loop.assertInLoopThread()
        if cancelled || cancelToken?.isCancelled == true {
            refused.append((request, completion, URLProblem(errorClass: .cancelled, message: "cancelled")))
            return
        }
        if let problem = request.job.problem {
            refused.append((request, completion, problem))
            return
        }
        switch plan.makeSink(for: request.job) {
        case .failure(let problem):
            refused.append((request, completion, problem))
        case .success(let sink):
            do {
                let handle = try idleHandles.popLast() ?? EasyHandle()
                begin(
                    Transfer(
                        request: request, handle: handle, sink: sink, cancelToken: cancelToken,
                        completion: completion))
            } catch {
                sink.close()
                refused.append((request, completion, URLProblem(errorClass: .other, message: "\(error)")))
            }
        }
    }

    /// Stops every transfer: each in flight (or waiting to retry) gets a `cancelled`
    /// record, and later requests are refused as cancelled.
    func cancelAll() {
        loop.assertInLoopThread()
        cancelled = true
        for transfer in active.values {
            multi?.remove(transfer.handle)
            finished.append((transfer, .cancelled(handle: transfer.handle, sink: transfer.sink)))
        }
        active.removeAll()
        for transfer in waitingToRetry {
            if let timer = transfer.retryTimer { loop.cancelTimer(timer) }
            finished.append((transfer, .cancelled(handle: transfer.handle, sink: transfer.sink)))
        }
        waitingToRetry.removeAll()
        byToken.removeAll()
    }

    /// Stops the one transfer `token` was given to, if it is in flight or waiting to
    /// retry; a transfer not started yet is refused when it starts.
    func cancel(_ token: CancelToken) {
        loop.assertInLoopThread()
        guard let transfer = byToken.removeValue(forKey: ObjectIdentifier(token)) else { return }
        if let timer = transfer.retryTimer {
            loop.cancelTimer(timer)
            waitingToRetry.removeAll { $0 === transfer }
        } else {
            active.removeValue(forKey: ObjectIdentifier(transfer.handle))
            multi?.remove(transfer.handle)
        }
        finished.append((transfer, .cancelled(handle: transfer.handle, sink: transfer.sink)))
    }

    /// No new requests will follow the ones in flight: their connections are closed when
    /// they finish instead of cached. Besides freeing them early, this spares curl 7.88's
    /// `curl_multi_remove_handle` a walk over every cached connection per transfer.
    func stopKeepingConnections() {
        loop.assertInLoopThread()
        guard keepConnections else { return }
        keepConnections = false
        for transfer in active.values { transfer.handle.setForbidReuse(true) }
    }

    private func begin(_ transfer: Transfer) {
        guard let multi else { return }
        transfer.attempts += 1
        transfer.startedAt = MonotonicClock.now()
        transfer.handle.prepare(url: transfer.request.job.url, template: plan.template, sink: transfer.sink)
        transfer.handle.setFreshConnect(active.count >= connectionsOpened)
        transfer.handle.setForbidReuse(!keepConnections)
        let added = multi.add(transfer.handle)
        guard added == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(added))
            finished.append(
                (
                    transfer,
                    TransferResult(
                        curlCode: CURLE_FAILED_INIT, info: TransferInfo(), bytes: 0, message: message)
                ))
            return
        }
        active[ObjectIdentifier(transfer.handle)] = transfer
        if let token = transfer.cancelToken { byToken[ObjectIdentifier(token)] = transfer }
    }

    // MARK: LoopDriver

    var driverDeadline: UInt64? { multi?.deadline }

    var hasPendingResults: Bool { !finished.isEmpty || !refused.isEmpty }

    func socketReady(fd: Int32, revents: Int16) {
        multi?.socketReady(fd: fd, revents: revents)
        collectFinished()
    }

    func deadlineReached() {
        multi?.deadlineReached()
        collectFinished()
    }

    func turnEnded() {
        while !finished.isEmpty || !refused.isEmpty {
            let results = finished
            finished.removeAll(keepingCapacity: true)
            for (transfer, result) in results { conclude(transfer, result) }
            let refusals = refused
            refused.removeAll(keepingCapacity: true)
            for (request, completion, problem) in refusals {
                let now = MonotonicClock.now()
                completion(
                    TransferResult.refused(problem).record(
                        for: request, transferStart: nil, finishedAt: now, attempts: 0))
            }
        }
    }

    func loopWillExit() {
        cancelAll()
        turnEnded()
        idleHandles.removeAll()
        multi = nil
    }

    // MARK: Completion

    /// Drains `curl_multi_info_read`, taking each handle and result before removing it.
    private func collectFinished() {
        guard let multi else { return }
        while let (handle, code) = multi.nextFinished() {
            guard let transfer = active.removeValue(forKey: ObjectIdentifier(handle)) else { continue }
            multi.remove(transfer.handle)
            connectionsOpened += transfer.handle.connectionsOpened
            finished.append((transfer, .finished(code, handle: transfer.handle, sink: transfer.sink)))
        }
    }

    private func conclude(_ transfer: Transfer, _ result: TransferResult) {
        if !cancelled && result.errorOverride != .cancelled && plan.shouldRetry(result, attempts: transfer.attempts) {
            scheduleRetry(transfer)
            return
        }
        if let token = transfer.cancelToken { byToken.removeValue(forKey: ObjectIdentifier(token)) }
        let record = transfer.record(result)
        transfer.handle.finish()
        idleHandles.append(transfer.handle)
        transfer.completion(record)
    }

    private func scheduleRetry(_ transfer: Transfer) {
        transfer.sink.restart()
        waitingToRetry.append(transfer)
        let delay = plan.backoff(afterAttempt: transfer.attempts)
        let deadline = MonotonicClock.now() + UInt64(delay * 1e9)
        transfer.retryTimer = loop.schedule(at: deadline) { [unowned self] in
            waitingToRetry.removeAll { $0 === transfer }
            transfer.retryTimer = nil
            begin(transfer)
        }
    }
}
