import CLinuxCurl
import Dispatch

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
        while let job = context.jobs.take() {
            context.emit(perform(context.request(for: job, worker: number), abort: abort, sockets: sockets))
        }
    }

    /// The transfer's lifecycle, driven on this thread: each attempt blocks in curl, each
    /// back-off waits on the run's cancellation, which a Ctrl-C ends at once.
    private func perform(_ request: FetchRequest, abort: AbortCheck, sockets: SocketRegistry) -> FetchRecord {
        let cancellation = context.cancellation
        switch Transfer.open(request, plan: context.plan, cancelled: cancellation.isCancelled) {
        case .refused(let record):
            return record
        case .ready(let transfer):
            while true {
                transfer.beginAttempt(on: handle)
                handle.setAbortCheck(abort)
                handle.track(sockets: sockets)
                let code = handle.perform()
                // A transfer that completed before the cancel reached it keeps its result.
                if abort.aborted && code != CURLE_OK { return transfer.cancel() }
                switch transfer.attemptEnded(with: code, runCancelled: cancellation.isCancelled) {
                case .finished(let record):
                    return record
                case .retry(let delay):
                    guard cancellation.wait(seconds: delay) else { return transfer.cancel() }
                }
            }
        }
    }
}
