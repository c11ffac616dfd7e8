import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM during a run: the first calls `onInterrupt` (stop taking
/// work, cancel what is in flight, report); the second exits at once with status 130.
final class InterruptHandler {
    private let sources: [DispatchSourceSignal]

    init(onInterrupt: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "cfetch.signals")
        let seen = InterruptCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if seen.count.add(1, ordering: .relaxed).newValue == 1 { onInterrupt() } else { _exit(130) }
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

/// Interrupts seen so far: the first cancels the run, the second quits at once.
private final class InterruptCount: Sendable {
    let count = Atomic<Int>(0)
}
