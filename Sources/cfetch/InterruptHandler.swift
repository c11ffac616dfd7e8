import Dispatch
import FetchKit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT (Ctrl-C) and SIGTERM, from the start of a run (or a benchmark) to the end of
/// the process: the first of either calls `onFirst` (stop taking work, cancel what is in
/// flight, report); a second of either kind calls `beforeQuitting` and exits at once, with
/// that signal's status (130 or 143).
///
/// Installed for good, not just for the run: a second signal that arrives while the run
/// winds down still quits with its status. (Putting the default action back when the run
/// returned let such a signal kill the process instead.)
enum InterruptHandler {
    /// The signal sources, kept for the rest of the process.
    private static let sources = Locked<[any DispatchSourceSignal]>([])

    /// - Parameters:
    ///   - onFirst: told of the first signal, on the signal queue.
    ///   - beforeQuitting: what must happen before the process exits at the second (no
    ///     `defer` will run): `cfetch bench` passes the signal on and removes its files.
    static func install(
        onFirst: @escaping @Sendable (StopSignal) -> Void,
        beforeQuitting: @escaping @Sendable (StopSignal) -> Void = { _ in }
    ) {
        let queue = DispatchQueue(label: "cfetch.signals")
        let seen = InterruptCount()
        sources.withLock { sources in
            for stopSignal in [StopSignal.interrupt, .terminate] {
                signal(stopSignal.number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: stopSignal.number, queue: queue)
                source.setEventHandler {
                    if seen.count.add(1, ordering: .relaxed).newValue == 1 {
                        onFirst(stopSignal)
                    } else {
                        beforeQuitting(stopSignal)
                        _exit(stopSignal.exitStatus)
                    }
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}

/// Signals seen so far: the first stops the run, the second quits at once.
private final class InterruptCount: Sendable {
    let count = Atomic<Int>(0)
}
