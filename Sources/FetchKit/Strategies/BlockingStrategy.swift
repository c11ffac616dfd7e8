import CLinuxCurl
import Foundation

/// `blocking`: each worker is an OS thread that takes a job, blocks in
/// `curl_easy_perform` on a handle it owns, and takes the next (the `requests` loop,
/// threaded). The kernel does the multiplexing; each thread reuses its own connections.
struct BlockingStrategy: FetchStrategy {
    /// Enough for curl, OpenSSL and the resolver; small enough for a thousand threads.
    static let threadStackSize = 512 * 1024

    func run(_ context: RunContext) throws {
        let group = DispatchGroup()
        for number in 1...context.workers {
            let worker = BlockingWorker(number: number, context: context, handle: try EasyHandle())
            group.enter()
            // The worker, its handle with it, belongs to its thread from here on.
            startThread(name: "cfetch-worker-\(number)", stackSize: Self.threadStackSize) {
                worker.run()
                group.leave()
            }
        }
        group.wait()
    }
}

/// One worker thread's loop; the handle is its own for the whole run.
private struct BlockingWorker {
    let number: Int
    let context: RunContext
    let handle: EasyHandle

    func run() {
        let abort = AbortCheck { [cancellation = context.cancellation] in cancellation.isCancelled }
        let sockets = SocketRegistry()
        context.cancellation.onCancel { sockets.shutDownAll() }
        while let job = context.queue.take() {
            let request = context.request(for: job, worker: number)
            context.emit(perform(request, abort: abort, sockets: sockets))
        }
    }

    private func perform(_ request: FetchRequest, abort: AbortCheck, sockets: SocketRegistry) -> FetchRecord {
        let plan = context.plan
        let sink: BodySink
        switch request.job.problem.map(Result.failure) ?? plan.makeSink(for: request.job) {
        case .failure(let problem):
            return TransferResult.refused(problem).record(
                for: request, transferStart: nil, finishedAt: MonotonicClock.now(), attempts: 0)
        case .success(let opened):
            sink = opened
        }
        var attempts = 0
        while true {
            attempts += 1
            let startedAt = MonotonicClock.now()
            handle.prepare(url: request.job.url, template: plan.template, sink: sink)
            handle.setAbortCheck(abort)
            handle.track(sockets: sockets)
            let code = handle.perform()
            // A transfer that completed before the cancel reached it keeps its result.
            let aborted = abort.aborted && code != CURLE_OK
            let result: TransferResult =
                aborted ? .cancelled(handle: handle, sink: sink) : .finished(code, handle: handle, sink: sink)
            if !aborted && plan.shouldRetry(result, attempts: attempts)
                && sleep(plan.backoff(afterAttempt: attempts))
            {
                sink.restart()
                continue
            }
            handle.finish()
            return result.record(
                for: request, transferStart: startedAt, finishedAt: MonotonicClock.now(), attempts: attempts)
        }
    }

    /// Sleeps for the back-off in short steps; false if the run was cancelled meanwhile.
    private func sleep(_ seconds: Double) -> Bool {
        let deadline = MonotonicClock.now() + UInt64(seconds * 1e9)
        while MonotonicClock.now() < deadline {
            if context.cancellation.isCancelled { return false }
            usleep(20_000)
        }
        return !context.cancellation.isCancelled
    }
}
