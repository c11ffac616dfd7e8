import Dispatch
import FetchBench
import FetchKit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM during `cfetch bench`, installed as `InterruptHandler`
/// installs the run's: the first stops the benchmark after the child run in progress
/// (`BenchCancellation` passes the signal on to that child), so the strategies already
/// measured are still printed, then the command exits 128 + the signal (130, 143). The
/// second exits at once with its own status, after passing it on to the child and
/// removing the temporary list.
enum BenchInterruptHandler {
    /// The signal sources, kept for the rest of the process.
    private static let sources = Locked<[any DispatchSourceSignal]>([])

    /// - Parameter onFirst: told of the first signal (a notice on stderr), on the signal queue.
    static func install(_ cancellation: BenchCancellation, onFirst: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "cfetch.bench-signals")
        sources.withLock { sources in
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    if cancellation.cancel(signal: number) {
                        onFirst(number)
                    } else {
                        cancellation.abandon(signal: number)
                        _exit(128 + number)
                    }
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
