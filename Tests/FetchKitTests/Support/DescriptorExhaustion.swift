import Foundation

@testable import FetchKit

/// Leaves this process without a free file descriptor until `release()`: the soft limit is
/// lowered to a little above what is open, and the table filled with /dev/null up to it.
/// For tests of what happens when descriptors run out; the suites run serially, so no
/// other test is starved meanwhile.
final class DescriptorExhaustion {
    private var held: [Int32] = []
    private var saved = rlimit()

    init() throws {
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &saved) == 0 else {
            throw SystemCallError(call: "getrlimit", errno: errno)
        }
        var lowered = saved
        lowered.rlim_cur = min(saved.rlim_cur, rlim_t(OpenFileLimit.openDescriptors() + 32))
        guard setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &lowered) == 0 else {
            throw SystemCallError(call: "setrlimit", errno: errno)
        }
        while true {
            let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { break }
            held.append(fd)
        }
    }

    /// Closes the filler descriptors and puts the limit back.
    func release() {
        for fd in held { close(fd) }
        held.removeAll()
        _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &saved)
    }

    deinit { release() }
}
