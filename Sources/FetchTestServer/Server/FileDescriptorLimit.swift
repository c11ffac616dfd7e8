#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open-file limit, which bounds how many connections a server can hold.
enum FileDescriptorLimit {
    /// Linux's default `fs.nr_open`: no limit can go above it (nor be infinite).
    private static let kernelCeiling: rlim_t = 1 << 20
    /// Enough for 10,000 connections with both ends in one process, plus slack.
    private static let roomyLimit: rlim_t = 65_536

    /// Raises the soft `RLIMIT_NOFILE` to the hard limit, so 10,000 connections have
    /// descriptors. A privileged process (root in CI) first tries to lift the hard limit
    /// to 65,536 too, since a test that holds both ends of 10,000 connections needs
    /// more than a common hard limit of 20,000.
    ///
    /// Best effort: a failure leaves the limit as it was, and the server still works
    /// with fewer connections.
    static func raiseSoftLimitToHard() {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return }
        let hard = min(limit.rlim_max, kernelCeiling)
        if hard < roomyLimit {
            var lifted = rlimit(rlim_cur: roomyLimit, rlim_max: roomyLimit)
            if setrlimit(resource, &lifted) == 0 { return }
        }
        guard limit.rlim_cur < hard else { return }
        limit.rlim_cur = hard
        _ = setrlimit(resource, &limit)
    }

    #if os(Linux)
    private static var resource: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }
    #else
    private static var resource: Int32 { RLIMIT_NOFILE }
    #endif
}
