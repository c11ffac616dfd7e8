import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM during a run: the first calls `onInterrupt` (stop taking
/// work, cancel what is in flight, report); the second exits at once with status 130.
final class InterruptHandler {
    private let sources: [DispatchSourceSignal]

    init(onInterrupt: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "cfetch.signals")
        let first = InterruptCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if first.next() { onInterrupt() } else { _exit(130) }
            }
            source.resume()
            return source
        }
    }

    /// Back to the default handling (after the run).
    func restore() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// Whether this is the first interrupt; touched only on the signal queue.
private final class InterruptCount: @unchecked Sendable {
    private var seen = 0
    func next() -> Bool {
        seen += 1
        return seen == 1
    }
}
