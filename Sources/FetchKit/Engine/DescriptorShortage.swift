import CLinuxCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A transfer must never fail because the process ran out of file descriptors: the run's
/// budget (`OpenFileLimit.fit`) leaves room for `-j` transfers, but descriptors can still run
/// short (a resolver's socket pair per lookup, connections curl closes late, descriptors a
/// parent left open). An attempt that failed for that reason is held back and tried again
/// once others have finished — not counted as an attempt, not charged to `--retry` — so
/// fewer run at once instead of URLs failing with a false `connect` or `dns` error. The
/// first time it happens the run says so, once, on stderr.
package final class DescriptorShortage: Sendable {
    /// The first hold; each further one doubles, up to `longestWait`.
    static let firstWait = 0.02
    static let longestWait = 1.0
    /// A transfer held back this long in all gets its failure as its record.
    static let giveUpAfter = 60.0

    private let warned = Atomic<Bool>(false)
    private let warn: @Sendable () -> Void

    /// - Parameter warn: says on stderr that transfers are held back (called once).
    package init(warn: @escaping @Sendable () -> Void = {}) {
        self.warn = warn
    }

    /// Whether an attempt curl ended with `code` failed for want of a descriptor: its socket
    /// was refused with EMFILE or ENFILE, or (for failures before a socket, such as the
    /// resolver's socket pair) the process cannot open a descriptor now.
    static func caused(_ code: CURLcode, socketRefusal: Int32) -> Bool {
        switch code {
        case CURLE_COULDNT_CONNECT:
            return isShortage(socketRefusal) || (socketRefusal == 0 && !canOpenDescriptor())
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_OUT_OF_MEMORY, CURLE_FAILED_INIT:
            return !canOpenDescriptor()
        default:
            return false
        }
    }

    /// How long to hold a transfer back after its `count`-th shortage.
    static func wait(afterShortage count: Int) -> Double {
        min(longestWait, firstWait * Double(1 << min(max(count - 1, 0), 20)))
    }

    /// Notes that a transfer was held back: the first time, the run says so.
    func holdingBack() {
        if !warned.exchange(true, ordering: .relaxed) { warn() }
    }

    private static func isShortage(_ error: Int32) -> Bool {
        error == EMFILE || error == ENFILE
    }

    /// Whether one more descriptor can be opened now (a duplicate of stderr, closed at once).
    private static func canOpenDescriptor() -> Bool {
        let probe = fcntl(2, F_DUPFD_CLOEXEC, 0)
        guard probe >= 0 else { return !isShortage(errno) }
        close(probe)
        return true
    }
}
