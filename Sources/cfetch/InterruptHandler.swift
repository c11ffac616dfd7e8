import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM, from the start of a run to the end of the process: the
/// first calls `onInterrupt` (stop taking work, cancel what is in flight, report); the
/// second exits at once with status 130.
///
/// Installed for good, not just for the run: a second signal that arrives while the run
/// winds down still quits with status 130. (Putting the default action back when the run
/// returned let such a signal kill the process instead.)
enum InterruptHandler {
    /// The signal sources, kept for the rest of the process.
    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    static func install(onInterrupt: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "cfetch.signals")
        let seen = InterruptCount()
        sources.withLock { sources in
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    if seen.count.add(1, ordering: .relaxed).newValue == 1 { onInterrupt() } else { _exit(130) }
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}

/// Interrupts seen so far: the first cancels the run, the second quits at once.
private final class InterruptCount: Sendable {
    let count = Atomic<Int>(0)
}
